// Invoice ingestion: 50,000 invoice.created events published to billing.events, timed until the
// invoice-service (running as its own process) has stored all of them; against inserting the same
// records straight through the MongoDB driver, in the same run, on the same database server.
//   npm run bench:ingestion            (EVENTS=50000)
import {
  InvoiceCreated,
  PorticoOrganizationChanged,
  type UpstreamInvoice,
} from '@portico/contracts';
import {
  AppProcess,
  billingEvent,
  BrokerAdmin,
  freePort,
  organizationChanged,
  uniqueNamespace,
  upstreamInvoice,
  waitFor,
} from '@portico/testing';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { InvoiceSchema } from '../apps/invoice-service/src/invoices/invoice.model';
import { storedInvoice } from '../apps/invoice-service/test/stored-invoices';
import { BenchRun } from './bench-record';
import { waitForConsumed } from './consumed-events';

const EVENTS = Number(process.env.EVENTS ?? 50_000);
const DRIVER_BATCH = 500;
const AMQP_URL = process.env.AMQP_URL!;
const MONGODB_URI = process.env.MONGODB_URI!;

function invoice(i: number): UpstreamInvoice {
  return upstreamInvoice({
    id: `up_${i}`,
    external_customer_id: `cus_${i % 500}`,
    number: `INV-2026-${String(i).padStart(6, '0')}`,
    issuing_date: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    payment_due_date: null,
    payment_status: i % 3 === 0 ? 'succeeded' : 'pending',
    payment_overdue: i % 7 === 0,
    payment_dispute_lost_at: null,
    currency: i % 5 === 0 ? 'USD' : 'EUR',
    fees: Array.from({ length: 4 }, (_, f) => ({
      description: `Line ${f}`,
      units: f + 1,
      unit_amount_cents: 2_500,
      amount_cents: 2_500 * (f + 1),
    })),
    updated_at: '2026-11-01T00:00:00.000Z',
  });
}

async function throughPortico(): Promise<number> {
  const namespace = uniqueNamespace();
  const database = `bench_ingest_${randomBytes(3).toString('hex')}`;
  const opsPort = await freePort();
  const ops = `http://127.0.0.1:${opsPort}`;
  const service = AppProcess.start('invoice-service', {
    METRICS_PORT: String(opsPort),
    METRICS_HOST: '127.0.0.1',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    AMQP_URL,
    AMQP_NAMESPACE: namespace,
    MONGODB_URI,
    MONGODB_DATABASE: database,
    ...(process.env.PREFETCH && { AMQP_PREFETCH: process.env.PREFETCH }),
  });
  const db = mongoose.createConnection(MONGODB_URI, { dbName: database });
  await db.asPromise();
  const admin = await BrokerAdmin.connect(AMQP_URL);
  try {
    await waitFor(
      'the service queue',
      async () => (await admin.messageCount(`${namespace}invoice-service.events`)) >= 0,
      {
        timeoutMs: 30_000,
        intervalMs: 200,
      },
    );
    // The service stores no event of an organization it has not heard of.
    await admin.publishMany(`${namespace}billing.events`, [
      {
        routingKey: PorticoOrganizationChanged.type,
        body: JSON.stringify(
          billingEvent(
            PorticoOrganizationChanged,
            'org_bench',
            organizationChanged({ id: 'org_bench' }),
          ),
        ),
      },
    ]);
    await waitForConsumed(ops, 'invoice-service', PorticoOrganizationChanged.type, 1, 30_000);
    const messages = Array.from({ length: EVENTS }, (_, i) => ({
      routingKey: InvoiceCreated.type,
      body: JSON.stringify(
        billingEvent(InvoiceCreated, 'org_bench', invoice(i), {
          id: `evt_${i}`,
          occurred_at: '2026-11-01T00:00:00Z',
        }),
      ),
    }));
    const started = process.hrtime.bigint();
    await admin.publishMany(`${namespace}billing.events`, messages);
    const published = Number(process.hrtime.bigint() - started) / 1e9;
    // The service's own acked-events counter: free to ask, unlike a count on the database.
    await waitForConsumed(ops, 'invoice-service', InvoiceCreated.type, EVENTS);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // Checked once, after the clock stopped: every acked event is a stored invoice.
    const stored = await db.collection('invoices').countDocuments();
    if (stored !== EVENTS) throw new Error(`${stored} invoices stored, ${EVENTS} expected`);
    console.log(
      `  portico: published in ${published.toFixed(1)} s, all acked (stored) after ${seconds.toFixed(1)} s`,
    );
    return EVENTS / seconds;
  } finally {
    await service.stop();
    await admin.deleteQueues(
      ['events', 'events.retry', 'events.dead-letter', 'rpc'].map(
        (q) => `${namespace}invoice-service.${q}`,
      ),
    );
    await admin.deleteExchanges([`${namespace}billing.events`]);
    await admin.close();
    await db.dropDatabase();
    await db.close();
  }
}

async function throughDriver(): Promise<number> {
  const database = `bench_driver_${randomBytes(3).toString('hex')}`;
  const db = mongoose.createConnection(MONGODB_URI, { dbName: database });
  await db.asPromise();
  const model = db.model('Invoice', InvoiceSchema);
  await model.init();
  const records = Array.from({ length: EVENTS }, (_, i) => storedInvoice(invoice(i), 'org_bench'));
  try {
    const started = process.hrtime.bigint();
    for (let i = 0; i < records.length; i += DRIVER_BATCH) {
      await model.collection.insertMany(records.slice(i, i + DRIVER_BATCH) as never[], {
        ordered: false,
      });
    }
    return EVENTS / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await db.dropDatabase();
    await db.close();
  }
}

async function main(): Promise<void> {
  const run = BenchRun.start('ingestion', { events: EVENTS, driver_batch: DRIVER_BATCH });
  const driver = await throughDriver();
  console.log(`  driver insertMany (batches of ${DRIVER_BATCH}): ${driver.toFixed(0)} docs/s`);
  const portico = await throughPortico();
  console.log(
    `  portico (broker → validation → batched bulkWrite → ack): ${portico.toFixed(0)} events/s`,
  );
  run.record({
    figure: 'invoices stored/s through the broker',
    value: portico,
    unit: 'events/s',
    baseline: { name: 'driver insertMany', value: driver, unit: 'docs/s' },
    ratio: portico / driver,
    target: 'ratio ≥ 0.6',
    met: portico / driver >= 0.6,
  });
  await run.finish();
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
