// Portal URL issuance through the gateway under HTTP load (autocannon, 50 connections):
// GET /api/v1/customers/:id/portal_url against GET /health on the same gateway in the same run
// (the framework's own ceiling), with the three apps running as `npm start` runs them.
//   npm run bench:portal-url           (CONNECTIONS=50 DURATION=10 CUSTOMERS=100)
import { BenchRun } from './bench-record';
import { startBenchStack } from './bench-stack';
import { load as loadWith, type Measured } from './http-load';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DURATION = Number(process.env.DURATION ?? 10);
const CUSTOMERS = Number(process.env.CUSTOMERS ?? 100);

const load = (url: string, headers: Record<string, string>, paths: string[]) =>
  loadWith(url, headers, paths, { connections: CONNECTIONS, duration: DURATION });

async function main(): Promise<void> {
  const run = BenchRun.start('portal-url', {
    connections: CONNECTIONS,
    duration_s: DURATION,
    customers: CUSTOMERS,
    gateway_workers: process.env.GATEWAY_WORKERS ?? 'auto',
  });
  const { adminToken, base, apps, ready } = await startBenchStack();
  try {
    await ready();
    const created = (await (
      await fetch(`${base}/admin/v1/organizations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bench Org' }),
      })
    ).json()) as { api_key: string };
    const headers = {
      authorization: `Bearer ${created.api_key}`,
      'content-type': 'application/json',
    };
    const paths: string[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const external = `bench-customer-${i}`;
      const response = await fetch(`${base}/api/v1/customers`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ customer: { external_id: external, name: `Customer ${i}` } }),
      });
      if (!response.ok)
        throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
      paths.push(`/api/v1/customers/${external}/portal_url`);
    }
    await load(base, headers, ['/health']); // warm-up
    const baseline = await load(base, {}, ['/health']);
    const issuance = await load(base, headers, paths);
    const row = (name: string, m: Measured) =>
      console.log(
        `  ${name.padEnd(24)} ${m.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${m.p50} ms  p95 ${m.p95} ms  p99 ${m.p99} ms  errors ${m.errors}  non-2xx ${m.non2xx}`,
      );
    row('GET /health (baseline)', baseline);
    row('GET …/portal_url', issuance);
    run.record({
      figure: `portal URLs/s at ${CONNECTIONS} connections`,
      value: issuance.requestsPerSecond,
      unit: 'URLs/s',
      baseline: { name: 'GET /health', value: baseline.requestsPerSecond, unit: 'req/s' },
      ratio: issuance.requestsPerSecond / baseline.requestsPerSecond,
      target: '≥ 3,000/s',
      met: issuance.requestsPerSecond >= 3_000 && issuance.errors + issuance.non2xx === 0,
    });
    run.record({
      figure: `portal URL p95 at ${CONNECTIONS} connections`,
      value: issuance.p95,
      unit: 'ms',
      target: '≤ 20 ms',
      met: issuance.p95 <= 20,
    });
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
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
