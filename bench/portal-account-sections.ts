// The portal's first page with the account sections (issue 19) under HTTP load (autocannon, 50
// connections): a customer with 2,000 invoices, 2 prepaid-credit wallets and 3 active
// subscriptions whose usage comes from a fake Lago API on loopback through the gateway's
// short-lived usage cache, against the same customer's invoice-only page measured first in the
// same run (before the wallets and subscriptions exist).
//   npm run bench:portal-sections
//     (CONNECTIONS=50 DURATION=10 INVOICES=2000 SUBSCRIPTIONS=3 WALLETS=2)
import { FakeLagoApi, lagoCurrentUsage } from '@portico/testing';
import { randomUUID } from 'node:crypto';
import { PorticoHttp } from '../tools/demo/portico-http';
import { BenchRun } from './bench-record';
import { startBenchStack } from './bench-stack';
import { load as loadWith, type Measured } from './http-load';
import { seedPortal } from './portal-seed';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DURATION = Number(process.env.DURATION ?? 10);
const INVOICES = Number(process.env.INVOICES ?? 2_000);
const SUBSCRIPTIONS = Number(process.env.SUBSCRIPTIONS ?? 3);
const WALLETS = Number(process.env.WALLETS ?? 2);
const TARGET_P95_MS = 60;

const load = (url: string, path: string) =>
  loadWith(url, {}, [path], { connections: CONNECTIONS, duration: DURATION });

async function main(): Promise<void> {
  const run = BenchRun.start('portal-sections', {
    connections: CONNECTIONS,
    duration_s: DURATION,
    invoices: INVOICES,
    subscriptions: SUBSCRIPTIONS,
    wallets: WALLETS,
    gateway_workers: process.env.GATEWAY_WORKERS ?? 'auto',
  });
  const lago = await FakeLagoApi.start();
  lago.on('GET', /\/current_usage\?/, () => ({
    status: 200,
    body: lagoCurrentUsage([
      { name: 'API calls', units: '125000', amountCents: 12_500 },
      { name: 'Storage (GB)', units: '42.5', amountCents: 4_250 },
      { name: 'Seats', units: '3', amountCents: 3_000 },
    ]),
  }));
  const { adminToken, base, apps, ready } = await startBenchStack({
    publicUrl: 'self',
    env: { OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' },
    // The fake Lago answers plain http on loopback; production refuses http by default.
    gatewayEnv: { LAGO_API_ALLOW_HTTP: 'true' },
  });
  try {
    await ready();
    const seeded = await seedPortal(base, adminToken, INVOICES);
    const http = new PorticoHttp(base);
    await http.expect('PUT', `/admin/v1/organizations/${seeded.organizationId}/lago`, adminToken, {
      api_url: lago.apiUrl,
      api_key: `bench-lago-key-${randomUUID()}`,
    });
    console.log(
      `one customer with ${seeded.invoices} invoices (seeded in ${seeded.seededSeconds.toFixed(1)} s); load generator on the same machine`,
    );
    const row = (name: string, m: Measured) =>
      console.log(
        `  ${name.padEnd(34)} ${m.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${m.p50.toFixed(1)} ms  p95 ${m.p95.toFixed(1)} ms  p99 ${m.p99.toFixed(1)} ms  errors ${m.errors}  non-2xx ${m.non2xx}`,
      );
    await load(base, seeded.page); // warm-up
    const invoiceOnly = await load(base, seeded.page);
    row('first page, invoices only (baseline)', invoiceOnly);

    const wallets = Array.from({ length: WALLETS }, (_, index) => ({
      id: `evt_bench_wallet_${index}_${randomUUID()}`,
      type: 'wallet.created',
      occurred_at: '2026-11-01T00:00:00Z',
      data: {
        id: `bench-wallet-${index + 1}`,
        external_customer_id: seeded.externalCustomerId,
        status: 'active',
        currency: 'EUR',
        name: `Credits ${index + 1}`,
        rate_amount: '1.0',
        credits_balance: '250.0',
        balance_cents: 25_000,
        consumed_credits: '40',
        paid_top_up_min_amount_cents: 1_000,
        paid_top_up_max_amount_cents: 100_000,
        created_at: '2026-11-01T00:00:00Z',
        updated_at: '2026-11-01T00:00:00Z',
      },
    }));
    await http.expect('POST', '/api/v1/events', seeded.apiKey, {
      events: wallets,
    });
    await http.expect('POST', '/api/v1/events', seeded.apiKey, {
      events: Array.from({ length: SUBSCRIPTIONS }, (_, index) => ({
        id: `evt_bench_sub_${index}_${randomUUID()}`,
        type: 'subscription.created',
        occurred_at: '2026-11-01T00:00:00Z',
        data: {
          lago_id: randomUUID(),
          external_id: `bench-sub-${index + 1}`,
          external_customer_id: seeded.externalCustomerId,
          plan: {
            code: `plan-${index + 1}`,
            name: `Plan ${index + 1}`,
            amount_cents: 4_900 * (index + 1),
            amount_currency: 'EUR',
            interval: 'monthly',
          },
          status: 'active',
          started_at: `2026-0${index + 1}-01T00:00:00Z`,
          current_billing_period_started_at: '2026-11-01T00:00:00Z',
          current_billing_period_ending_at: '2026-11-30T23:59:59Z',
          updated_at: '2026-11-01T00:00:00Z',
        },
      })),
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const html = await (await fetch(`${base}${seeded.page}`)).text();
      const plans = html.match(/data-subscription-id=/g)?.length ?? 0;
      const usages = html.match(/data-testid="plan-usage"/g)?.length ?? 0;
      const credits = html.match(/data-wallet-id=/g)?.length ?? 0;
      if (plans === SUBSCRIPTIONS && usages === SUBSCRIPTIONS && credits === WALLETS) break;
      if (Date.now() > deadline)
        throw new Error(`${plans} plans, ${usages} usages, ${credits} wallets on the page`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await load(base, seeded.page); // warm-up: each gateway worker's usage cache filled
    const lagoCallsBefore = lago.received.length;
    const withSections = await load(base, seeded.page);
    const lagoCalls = lago.received.length - lagoCallsBefore;
    row(`first page, ${WALLETS} wallets, ${SUBSCRIPTIONS} plans`, withSections);
    console.log(`  Lago API calls during the measured load: ${lagoCalls}`);
    const clean = (m: Measured) => m.errors === 0 && m.non2xx === 0;
    run.record({
      figure: `first page with ${WALLETS} wallets, ${SUBSCRIPTIONS} plans and usage (cache), ${INVOICES} invoices, p95 at ${CONNECTIONS} connections`,
      value: withSections.p95,
      unit: 'ms',
      baseline: { name: 'invoice-only first page p95', value: invoiceOnly.p95, unit: 'ms' },
      ratio: withSections.p95 / invoiceOnly.p95,
      target: `≤ ${TARGET_P95_MS} ms`,
      met: clean(withSections) && withSections.p95 <= TARGET_P95_MS,
    });
    run.record({
      figure: `first page with ${WALLETS} wallets, ${SUBSCRIPTIONS} plans and usage (cache), pages/s`,
      value: withSections.requestsPerSecond,
      unit: 'pages/s',
      baseline: {
        name: 'invoice-only first page',
        value: invoiceOnly.requestsPerSecond,
        unit: 'pages/s',
      },
      ratio: withSections.requestsPerSecond / invoiceOnly.requestsPerSecond,
    });
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
    await lago.close();
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
