// The end customer's portal page under HTTP load (autocannon, 50 connections) for a customer with
// 2,000 invoices: the first page, a filtered page and a searched page, against GET /health on the
// same gateway in the same run, with the three apps running as `npm start` runs them (the gateway
// with GATEWAY_WORKERS as set, else its default: one worker per core).
//   npm run bench:portal            (CONNECTIONS=50 DURATION=10 INVOICES=2000 GATEWAY_WORKERS=auto)
import { BenchRun } from './bench-record';
import { startBenchStack } from './bench-stack';
import { load as loadWith, type Measured } from './http-load';
import { seedPortal } from './portal-seed';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DURATION = Number(process.env.DURATION ?? 10);
const INVOICES = Number(process.env.INVOICES ?? 2_000);
const TARGET_P95_MS = 40;

const load = (url: string, paths: string[]) =>
  loadWith(url, {}, paths, { connections: CONNECTIONS, duration: DURATION });

async function main(): Promise<void> {
  const run = BenchRun.start('portal', {
    connections: CONNECTIONS,
    duration_s: DURATION,
    invoices: INVOICES,
    gateway_workers: process.env.GATEWAY_WORKERS ?? 'auto',
  });
  const { adminToken, base, apps, ready } = await startBenchStack({ publicUrl: 'self' });
  try {
    await ready();
    const seeded = await seedPortal(base, adminToken, INVOICES);
    console.log(
      `one customer with ${seeded.invoices} invoices (seeded through POST /api/v1/events in ${seeded.seededSeconds.toFixed(1)} s); load generator on the same machine`,
    );
    await load(base, ['/health', seeded.page]); // warm-up
    const row = (name: string, m: Measured) =>
      console.log(
        `  ${name.padEnd(24)} ${m.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${m.p50.toFixed(1)} ms  p95 ${m.p95.toFixed(1)} ms  p99 ${m.p99.toFixed(1)} ms  errors ${m.errors}  non-2xx ${m.non2xx}`,
      );
    const baseline = await load(base, ['/health']);
    row('GET /health (baseline)', baseline);
    for (const [name, path] of seeded.targets) {
      const measured = await load(base, [path]);
      row(name, measured);
      const clean = measured.errors === 0 && measured.non2xx === 0;
      run.record({
        figure: `${name}, p95 at ${CONNECTIONS} connections`,
        value: measured.p95,
        unit: 'ms',
        target: `≤ ${TARGET_P95_MS} ms`,
        met: clean && measured.p95 <= TARGET_P95_MS,
      });
      run.record({
        figure: `${name}, pages/s`,
        value: measured.requestsPerSecond,
        unit: 'pages/s',
        baseline: { name: 'GET /health', value: baseline.requestsPerSecond, unit: 'req/s' },
        ratio: measured.requestsPerSecond / baseline.requestsPerSecond,
      });
    }
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
