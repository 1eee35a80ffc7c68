import { startBenchStack } from './bench-stack';
// The end customer's portal page under HTTP load (autocannon, 50 connections) for a customer with
// 2,000 invoices: the first page, a filtered page and a searched page, against GET /health on the
// same gateway in the same run, with the three apps running as `npm start` runs them.
//   npm run bench:portal            (CONNECTIONS=50 DURATION=10 INVOICES=2000)
import { waitFor } from '@portico/testing';
import { cpus } from 'node:os';
import { DEMO_CUSTOMERS, invoiceHistory, visibleInvoices } from '../tools/demo/demo-data';
import { PorticoHttp } from '../tools/demo/portico-http';
import { publishEvents, waitForInvoices } from '../tools/demo/seed-demo';
import { load as loadWith, type Measured } from './http-load';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DURATION = Number(process.env.DURATION ?? 10);
const INVOICES = Number(process.env.INVOICES ?? 2_000);

const load = (url: string, paths: string[]) =>
  loadWith(url, {}, paths, { connections: CONNECTIONS, duration: DURATION });

async function main(): Promise<void> {
  const { adminToken, base, apps } = await startBenchStack({ publicUrl: 'self' });
  try {
    await waitFor('the stack to be ready', async () => (await fetch(`${base}/health/ready`)).ok, {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    const http = new PorticoHttp(base);
    const { api_key: apiKey } = await http.expect<{ api_key: string }>(
      'POST',
      '/admin/v1/organizations',
      adminToken,
      { name: 'Bench Org', embed_origins: ['https://app.example.com'] },
    );
    const customer = DEMO_CUSTOMERS[1]!;
    await http.expect('POST', '/api/v1/customers', apiKey, {
      customer: {
        external_id: customer.external_id,
        name: customer.name,
        billing_configuration: { document_locale: customer.locale },
      },
    });
    const events = invoiceHistory(customer, { count: INVOICES });
    const seeding = performance.now();
    await publishEvents(http, apiKey, events);
    await waitForInvoices(http, apiKey, customer.external_id, visibleInvoices(events).length);
    const seeded = ((performance.now() - seeding) / 1000).toFixed(1);
    const { customer: view } = await http.expect<{ customer: { portal_url: string } }>(
      'GET',
      `/api/v1/customers/${customer.external_id}/portal_url`,
      apiKey,
    );
    const page = new URL(view.portal_url).pathname;
    // A month's invoices: a search that matches a few rows out of thousands.
    const month = String(visibleInvoices(events)[100]!.data.number).split('-')[1]!;
    const targets: [string, string][] = [
      ['first page', page],
      ['filter=unpaid', `${page}?filter=unpaid`],
      [`search=${month}`, `${page}?search=${month}`],
    ];
    for (const [, path] of targets) {
      const response = await fetch(`${base}${path}`);
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
    }

    console.log(
      `portal page: ${CONNECTIONS} connections, ${DURATION} s per run, one customer with ${visibleInvoices(events).length} invoices (seeded through POST /api/v1/events in ${seeded} s)`,
    );
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; load generator on the same machine`,
    );
    await load(base, ['/health', page]); // warm-up
    const row = (name: string, m: Measured) =>
      console.log(
        `  ${name.padEnd(24)} ${m.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${m.p50.toFixed(1)} ms  p95 ${m.p95.toFixed(1)} ms  p99 ${m.p99.toFixed(1)} ms  errors ${m.errors}  non-2xx ${m.non2xx}`,
      );
    const baseline = await load(base, ['/health']);
    row('GET /health (baseline)', baseline);
    for (const [name, path] of targets) {
      const measured = await load(base, [path]);
      row(name, measured);
      console.log(
        `    ratio to /health: ${(measured.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)}; p95 target ≤ 50 ms: ${measured.p95 <= 50 ? 'met' : 'MISSED'}`,
      );
    }
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
