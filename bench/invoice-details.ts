// The portal's invoice details page under HTTP load (autocannon, 50 connections): one unpaid
// invoice of 40 line items with a payment URL (so the page also asks for "Pay now"), against the
// same customer's invoice list (first page) on the same gateway in the same run.
//   npm run bench:invoice-details   (CONNECTIONS=50 DURATION=10 INVOICES=200 LINES=40)
import { InvoiceCreated } from '@portico/contracts';
import { apiEvent, invoiceCreated } from '@portico/testing';
import { randomUUID } from 'node:crypto';
import { PorticoHttp } from '../tools/demo/portico-http';
import { publishEvents, waitForInvoices } from '../tools/demo/seed-demo';
import { BenchRun } from './bench-record';
import { startBenchStack } from './bench-stack';
import { load as loadWith, type Measured } from './http-load';
import { seedPortal } from './portal-seed';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DURATION = Number(process.env.DURATION ?? 10);
const INVOICES = Number(process.env.INVOICES ?? 200);
const LINES = Number(process.env.LINES ?? 40);
const TARGET_P95_MS = 50;

const load = (url: string, paths: string[]) =>
  loadWith(url, {}, paths, { connections: CONNECTIONS, duration: DURATION });

/** One unpaid invoice with `lines` line items and a payment URL, for the seeded customer. */
function longInvoice(externalCustomerId: string, lines: number) {
  const fees = Array.from({ length: lines }, (_, i) => ({
    description: `Usage line ${i + 1} — API calls, region eu-west-${(i % 3) + 1}`,
    units: String(10 * (i + 1)),
    unit_amount_cents: 25 + i,
    amount_cents: 10 * (i + 1) * (25 + i),
  }));
  const subTotal = fees.reduce((sum, fee) => sum + fee.amount_cents, 0);
  const taxes = Math.round(subTotal * 0.2);
  return apiEvent(
    InvoiceCreated,
    invoiceCreated({
      id: `bench-details-${randomUUID()}`,
      external_customer_id: externalCustomerId,
      number: 'BENCH-40-LINES',
      issuing_date: '2026-11-30',
      payment_due_date: '2026-12-30',
      sub_total_excluding_taxes_amount_cents: subTotal,
      taxes_amount_cents: taxes,
      total_amount_cents: subTotal + taxes,
      prepaid_credit_amount_cents: 1_000,
      total_due_amount_cents: subTotal + taxes - 1_000,
      payment_url: 'https://pay.example.com/checkout/bench',
      fees,
      updated_at: new Date().toISOString(),
    }),
  );
}

async function main(): Promise<void> {
  const run = BenchRun.start('invoice-details', {
    connections: CONNECTIONS,
    duration_s: DURATION,
    invoices: INVOICES,
    lines: LINES,
    gateway_workers: process.env.GATEWAY_WORKERS ?? 'auto',
  });
  const { adminToken, base, apps, ready } = await startBenchStack({ publicUrl: 'self' });
  try {
    await ready();
    const seeded = await seedPortal(base, adminToken, INVOICES);
    const http = new PorticoHttp(base);
    const customer = (
      await http.expect<{ invoices: { external_customer_id: string }[] }>(
        'GET',
        '/api/v1/invoices?per_page=1',
        seeded.apiKey,
      )
    ).invoices[0]!.external_customer_id;
    const invoice = longInvoice(customer, LINES);
    await publishEvents(http, seeded.apiKey, [invoice]);
    await waitForInvoices(http, seeded.apiKey, customer, seeded.invoices + 1);
    const details = `${seeded.page}/invoices/${encodeURIComponent(invoice.data.id)}`;
    const page = await fetch(`${base}${details}`);
    const html = await page.text();
    const rows = html.match(/data-testid="line-item"/g)?.length ?? 0;
    if (!page.ok || rows !== LINES || !html.includes('data-testid="pay-now"'))
      throw new Error(`the details page is not what is measured: ${page.status}, ${rows} lines`);
    console.log(
      `one customer with ${seeded.invoices + 1} invoices; the measured one has ${LINES} lines and a Pay now button; load generator on the same machine`,
    );
    await load(base, [seeded.page, details]); // warm-up
    const row = (name: string, m: Measured) =>
      console.log(
        `  ${name.padEnd(28)} ${m.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${m.p50.toFixed(1)} ms  p95 ${m.p95.toFixed(1)} ms  p99 ${m.p99.toFixed(1)} ms  errors ${m.errors}  non-2xx ${m.non2xx}`,
      );
    const baseline = await load(base, [seeded.page]);
    row('invoice list (baseline)', baseline);
    const measured = await load(base, [details]);
    row(`invoice details, ${LINES} lines`, measured);
    const clean = measured.errors === 0 && measured.non2xx === 0;
    run.record({
      figure: `invoice details (${LINES} lines), p95 at ${CONNECTIONS} connections`,
      value: measured.p95,
      unit: 'ms',
      baseline: { name: 'invoice list p95', value: baseline.p95, unit: 'ms' },
      ratio: measured.p95 / baseline.p95,
      target: `≤ ${TARGET_P95_MS} ms`,
      met: clean && measured.p95 <= TARGET_P95_MS,
    });
    run.record({
      figure: `invoice details (${LINES} lines), pages/s`,
      value: measured.requestsPerSecond,
      unit: 'pages/s',
      baseline: { name: 'invoice list', value: baseline.requestsPerSecond, unit: 'pages/s' },
      ratio: measured.requestsPerSecond / baseline.requestsPerSecond,
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
