// Soak: a realistic organization ingested, then a mixed load held for a while, watching for
// errors, latency per route, memory growth and how fast updates are applied next to inserts.
//   npm run bench:soak     (INVOICES=200000 CUSTOMERS=2000 DURATION=600 UPDATES_PER_S=50
//                           PAGES_PER_S=10 PDFS_PER_S=1 BIG_CUSTOMER_INVOICES=20000)
// The big customer gets one update per second throughout, and its first portal page is
// measured apart (cold: right after it was seeded; warm: every second during the run).
import { CustomerCreated, InvoiceCreated, InvoicePaymentStatusUpdated } from '@portico/contracts';
import {
  billingEvent,
  customerUpserted,
  invoiceCreated,
  paymentStatusUpdated,
  waitFor,
} from '@portico/testing';
import { connect } from 'amqplib';
import mongoose from 'mongoose';
import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { PorticoHttp } from '../tools/demo/portico-http';
import { startBenchStack } from './bench-stack';
import { percentile } from './http-load';

const INVOICES = Number(process.env.INVOICES ?? 200_000);
const CUSTOMERS = Number(process.env.CUSTOMERS ?? 2_000);
const DURATION = Number(process.env.DURATION ?? 600);
const UPDATES_PER_S = Number(process.env.UPDATES_PER_S ?? 50);
const PAGES_PER_S = Number(process.env.PAGES_PER_S ?? 10);
const PDFS_PER_S = Number(process.env.PDFS_PER_S ?? 1);
const BIG = Number(process.env.BIG_CUSTOMER_INVOICES ?? 20_000);
const PORTAL_CUSTOMERS = 20;
const BIG_CUSTOMER = 'cus_big';

const day = (i: number) =>
  new Date(Date.UTC(2021, 0, 1) + (i % 1_800) * 86_400_000).toISOString().slice(0, 10);

function createdEvent(organizationId: string, i: number, customer: string) {
  const data = invoiceCreated({
    id: `inv_${i}`,
    external_customer_id: customer,
    number: `SOAK-${String(i).padStart(7, '0')}`,
    issuing_date: day(i),
    payment_due_date: null,
    currency: i % 7 === 0 ? 'USD' : 'EUR',
    fees: [{ description: 'Plan', units: 1, unit_amount_cents: 10_000, amount_cents: 10_000 }],
    updated_at: '2026-11-01T00:00:00Z',
  });
  const envelope = { id: `evt_c_${i}`, occurred_at: '2026-11-25T00:00:00Z' };
  return billingEvent(InvoiceCreated, organizationId, data, envelope);
}

function paymentUpdated(organizationId: string, i: number, customer: string, seq: number) {
  const updatedAt = new Date(Date.UTC(2026, 10, 2) + seq * 1_000).toISOString();
  const data = paymentStatusUpdated(
    { id: `inv_${i}`, external_customer_id: customer, updated_at: updatedAt },
    { payment_status: seq % 2 === 0 ? 'succeeded' : 'failed', updated_at: updatedAt },
  );
  return billingEvent(InvoicePaymentStatusUpdated, organizationId, data, {
    id: `evt_p_${i}_${seq}`,
  });
}

/** Resident memory of a process and of all its descendants (Chromium under invoice-service). */
function rssKb(pid: number): { own: number; withChildren: number } {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(
        /^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))![1],
      );
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const rss = (p: number) => {
    try {
      return Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      return 0;
    }
  };
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    total += rss(p);
    stack.push(...(children.get(p) ?? []));
  }
  return { own: rss(pid), withChildren: total };
}

class Route {
  readonly times: number[] = [];
  errors = 0;
  constructor(readonly name: string) {}
  async time(work: () => Promise<Response>): Promise<void> {
    const started = performance.now();
    try {
      const response = await work();
      await response.arrayBuffer();
      if (!response.ok) this.errors++;
    } catch {
      this.errors++;
    }
    this.times.push(performance.now() - started);
  }
  report(): string {
    const sorted = [...this.times].sort((a, b) => a - b);
    const rate = this.times.length ? ((100 * this.errors) / this.times.length).toFixed(2) : '-';
    return `  ${this.name.padEnd(30)} ${String(this.times.length).padStart(6)} req  errors ${this.errors} (${rate} %)  p50 ${percentile(sorted, 50).toFixed(0)} ms  p95 ${percentile(sorted, 95).toFixed(0)} ms  p99 ${percentile(sorted, 99).toFixed(0)} ms`;
  }
}

/** Calls `work` `perSecond` times a second, without waiting for one to finish to start the next. */
async function paced(perSecond: number, until: number, work: (n: number) => Promise<void>) {
  if (perSecond <= 0) return;
  const pending = new Set<Promise<void>>();
  const started = Date.now();
  for (let n = 0; Date.now() < until; n++) {
    const due = started + (n * 1_000) / perSecond;
    if (due > Date.now()) await sleep(due - Date.now());
    const p = work(n).finally(() => pending.delete(p));
    pending.add(p);
  }
  await Promise.all(pending);
}

async function main(): Promise<void> {
  const stack = await startBenchStack({ publicUrl: 'self' });
  const { adminToken, base, apps, namespace, databases, restartInvoiceService } = stack;
  const amqp = await connect(process.env.AMQP_URL!);
  const channel = await amqp.createConfirmChannel();
  const exchange = `${namespace}billing.events`;
  const db = mongoose.createConnection(process.env.MONGODB_URI!, { dbName: databases.invoices });
  const invoices = () => db.collection('invoices');
  const publish = async (events: { type: string }[]) => {
    for (const event of events) {
      if (
        !channel.publish(exchange, event.type, Buffer.from(JSON.stringify(event)), {
          persistent: true,
        })
      )
        await new Promise((resolve) => channel.once('drain', resolve));
    }
    await channel.waitForConfirms();
  };
  const memory = () => apps.map((app) => ({ name: app.name, ...rssKb(app.pid!) }));
  try {
    await db.asPromise();
    await waitFor('the stack to be ready', async () => (await fetch(`${base}/health/ready`)).ok, {
      timeoutMs: 120_000,
      intervalMs: 250,
    });
    const http = new PorticoHttp(base);
    const { organization, api_key: apiKey } = await http.expect<{
      organization: { id: string };
      api_key: string;
    }>('POST', '/admin/v1/organizations', adminToken, { name: 'Soak Org' });
    const org = organization.id;
    const customerOf = (i: number) => (i < BIG ? BIG_CUSTOMER : `cus_${i % CUSTOMERS}`);
    const customerIds = [BIG_CUSTOMER, ...Array.from({ length: CUSTOMERS }, (_, c) => `cus_${c}`)];
    await publish(
      customerIds.map((external_id) =>
        billingEvent(
          CustomerCreated,
          org,
          customerUpserted({
            external_id,
            name: `Customer ${external_id}`,
            updated_at: '2026-11-01T00:00:00Z',
          }),
          { id: `evt_cus_${external_id}`, occurred_at: '2026-11-25T00:00:00Z' },
        ),
      ),
    );
    console.log(
      `soak: ${INVOICES} invoices over ${CUSTOMERS} customers (+ ${BIG_CUSTOMER} with ${BIG}), then ${DURATION} s of ${UPDATES_PER_S} payment updates/s, ${PAGES_PER_S} portal pages/s, ${PDFS_PER_S} PDFs/s`,
    );
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; load generator on the same machine`,
    );
    const rssStart = memory();

    // Ingest: inserts.
    const ingestStarted = performance.now();
    for (let i = 0; i < INVOICES; i += 1_000) {
      const end = Math.min(INVOICES, i + 1_000);
      await publish(
        Array.from({ length: end - i }, (_, k) => createdEvent(org, i + k, customerOf(i + k))),
      );
    }
    await waitFor(
      'every invoice stored',
      async () => (await invoices().estimatedDocumentCount()) >= INVOICES,
      {
        timeoutMs: 4 * 3_600_000,
        intervalMs: 1_000,
      },
    );
    const insertSeconds = (performance.now() - ingestStarted) / 1_000;
    console.log(
      `  ingest (inserts)               ${(INVOICES / insertSeconds).toFixed(0)} invoices/s (${insertSeconds.toFixed(0)} s)`,
    );

    // Portal links for a few customers and the big one.
    const portalPath = async (customer: string) => {
      const { customer: view } = await http.expect<{ customer: { portal_url: string } }>(
        'GET',
        `/api/v1/customers/${customer}/portal_url`,
        apiKey,
      );
      return new URL(view.portal_url).pathname;
    };
    await waitFor(
      'customers stored',
      async () =>
        (await http.call('GET', `/api/v1/customers/cus_${CUSTOMERS - 1}`, apiKey)).status === 200,
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    const portalCustomers = Array.from(
      { length: PORTAL_CUSTOMERS },
      (_, k) => (k * 97) % CUSTOMERS,
    );
    const portals = await Promise.all(portalCustomers.map((c) => portalPath(`cus_${c}`)));
    const bigPortal = BIG > 0 ? await portalPath(BIG_CUSTOMER) : undefined;
    // Its invoices were just written, so BigCustomerWarmUp has its list in memory already.
    const bigCold = new Route(`big customer first page, first visit after ingest`);
    if (bigPortal) await bigCold.time(() => fetch(`${base}${bigPortal}`));

    // The mixed load.
    const routes = {
      page: new Route('portal first page'),
      pdf: new Route('invoice PDF'),
      bigWarm: new Route(`big customer first page (${BIG})`),
    };
    const until = Date.now() + DURATION * 1_000;
    const updated = new Set<number>();
    let updatesPublished = 0;
    const updatesStarted = performance.now();
    await Promise.all([
      paced(UPDATES_PER_S, until, async (n) => {
        // Distinct invoices of the ordinary customers, so "applied" is countable.
        const i = BIG + ((n * 7_919) % Math.max(1, INVOICES - BIG));
        updated.add(i);
        updatesPublished++;
        // seq 2: succeeded (odd sequence numbers say failed).
        await publish([paymentUpdated(org, i, customerOf(i), 2)]);
      }),
      paced(BIG > 0 ? 1 : 0, until, async (n) => {
        await publish([paymentUpdated(org, n % BIG, BIG_CUSTOMER, n + 3)]);
      }),
      paced(PAGES_PER_S, until, async (n) => {
        const path = portals[n % portals.length]!;
        await routes.page.time(() => fetch(`${base}${path}`));
      }),
      paced(PDFS_PER_S, until, async (n) => {
        // An invoice of that portal's customer c: i ≥ BIG and i ≡ c (mod CUSTOMERS).
        const k = n % portals.length;
        const c = portalCustomers[k]!;
        const first = BIG + ((((c - BIG) % CUSTOMERS) + CUSTOMERS) % CUSTOMERS);
        const i =
          first + ((n * 13) % Math.max(1, Math.floor((INVOICES - first) / CUSTOMERS))) * CUSTOMERS;
        await routes.pdf.time(() => fetch(`${base}${portals[k]}/invoices/inv_${i}/pdf`));
      }),
      paced(bigPortal ? 1 : 0, until, async () => {
        await routes.bigWarm.time(() => fetch(`${base}${bigPortal}`));
      }),
    ]);
    const distinct = updated.size;
    await waitFor(
      'every payment update applied',
      async () =>
        (await invoices().countDocuments({
          upstream_id: { $in: [...updated].map((i) => `inv_${i}`) },
          payment_status: 'succeeded',
        })) >= distinct,
      { timeoutMs: 600_000, intervalMs: 1_000 },
    );
    const updateSeconds = (performance.now() - updatesStarted) / 1_000;
    const rssEnd = memory();
    // Truly cold: nothing in memory, nothing written since (on FerretDB the whole list is read).
    const bigAfterRestart = new Route(`big customer first page, after invoice-service restart`);
    if (bigPortal) {
      await restartInvoiceService();
      await bigAfterRestart.time(() => fetch(`${base}${bigPortal}`));
    }

    console.log(
      `  updates                        ${updatesPublished} published (${distinct} invoices), all applied; ${(distinct / updateSeconds).toFixed(1)} updates/s sustained (offered ${UPDATES_PER_S}/s)`,
    );
    for (const route of [routes.page, routes.pdf, bigCold, routes.bigWarm, bigAfterRestart])
      console.log(route.report());
    console.log('  RSS (own / with children), start → end:');
    for (const [k, start] of rssStart.entries()) {
      const end = rssEnd[k]!;
      console.log(
        `    ${start.name.padEnd(18)} ${(start.own / 1024).toFixed(0)} → ${(end.own / 1024).toFixed(0)} MiB   (${(start.withChildren / 1024).toFixed(0)} → ${(end.withChildren / 1024).toFixed(0)} MiB)`,
      );
    }
    const errors = [routes.page, routes.pdf, routes.bigWarm, bigCold, bigAfterRestart].reduce(
      (sum, route) => sum + route.errors,
      0,
    );
    console.log(`  errors in all: ${errors}`);
  } finally {
    await channel.close().catch(() => undefined);
    await amqp.close().catch(() => undefined);
    await db.dropDatabase().catch(() => undefined);
    await db.close().catch(() => undefined);
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
