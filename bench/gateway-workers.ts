// The gateway on one core and on every core, in the same run: URLs/s (GET …/portal_url) and the
// portal's first page (one customer with 2,000 invoices) with GATEWAY_WORKERS=1, then =2, on the
// same services, broker and database. autocannon on the same machine, 50 connections.
//   npm run bench:workers           (CONNECTIONS=50 DURATION=10 INVOICES=2000 WORKERS=2)
import { BenchRun } from './bench-record';
import { startBenchStack } from './bench-stack';
import { load, type Measured } from './http-load';
import { seedPortal } from './portal-seed';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DURATION = Number(process.env.DURATION ?? 10);
const INVOICES = Number(process.env.INVOICES ?? 2_000);
const WORKERS = Number(process.env.WORKERS ?? 2);
const CUSTOMERS = 100;

async function main(): Promise<void> {
  const run = BenchRun.start('gateway-workers', {
    connections: CONNECTIONS,
    duration_s: DURATION,
    invoices: INVOICES,
    workers: WORKERS,
  });
  const stack = await startBenchStack({ publicUrl: 'self', gatewayEnv: { GATEWAY_WORKERS: '1' } });
  try {
    await stack.ready();
    const seeded = await seedPortal(stack.base, stack.adminToken, INVOICES);
    const headers = {
      authorization: `Bearer ${seeded.apiKey}`,
      'content-type': 'application/json',
    };
    const urls: string[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const response = await fetch(`${stack.base}/api/v1/customers`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ customer: { external_id: `bench-url-${i}` } }),
      });
      if (!response.ok) throw new Error(`seeding failed: ${response.status}`);
      urls.push(`/api/v1/customers/bench-url-${i}/portal_url`);
    }
    const options = { connections: CONNECTIONS, duration: DURATION };
    const measure = async (workers: number) => {
      await load(stack.base, headers, [...urls, seeded.page], { ...options, duration: 3 }); // warm-up
      const issued = await load(stack.base, headers, urls, options);
      const pages = await load(stack.base, {}, [seeded.page], options);
      const line = (name: string, m: Measured) =>
        console.log(
          `  ${workers} worker(s), ${name.padEnd(16)} ${m.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${m.p50.toFixed(1)} ms  p95 ${m.p95.toFixed(1)} ms  errors ${m.errors}  non-2xx ${m.non2xx}`,
        );
      line('portal_url', issued);
      line('first page', pages);
      return { issued, pages };
    };
    const one = await measure(1);
    await stack.restartGateway({ GATEWAY_WORKERS: String(WORKERS) });
    const many = await measure(WORKERS);
    const unit = { urls: 'URLs/s', pages: 'pages/s' };
    run.record({
      figure: `portal_url, ${WORKERS} workers`,
      value: many.issued.requestsPerSecond,
      unit: unit.urls,
      baseline: { name: '1 worker', value: one.issued.requestsPerSecond, unit: unit.urls },
      ratio: many.issued.requestsPerSecond / one.issued.requestsPerSecond,
    });
    run.record({
      figure: `first page, ${WORKERS} workers`,
      value: many.pages.requestsPerSecond,
      unit: unit.pages,
      baseline: { name: '1 worker', value: one.pages.requestsPerSecond, unit: unit.pages },
      ratio: many.pages.requestsPerSecond / one.pages.requestsPerSecond,
    });
    run.record({
      figure: `first page p95, ${WORKERS} workers`,
      value: many.pages.p95,
      unit: 'ms',
      baseline: { name: '1 worker', value: one.pages.p95, unit: 'ms' },
      ratio: many.pages.p95 / one.pages.p95,
    });
  } finally {
    await Promise.all(stack.apps.map((a) => a.stop()));
  }
  await run.finish();
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
