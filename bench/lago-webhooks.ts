// Lago webhooks through the bridge: WEBHOOKS signed invoice.created deliveries (HMAC, a Lago-
// shaped invoice with its customer, 2 fees and applied taxes) POSTed to the gateway with
// CONCURRENCY in flight, timed until the invoice-service has stored every invoice; against
// publishing the very events the bridge makes of them straight to billing.events (AMQP, publisher
// confirms), in the same run, into the same services.
//   npm run bench:lago                 (WEBHOOKS=5000 CONCURRENCY=32)
import {
  AppProcess,
  BrokerAdmin,
  LagoSender,
  freePort,
  lagoInvoice,
  lagoWebhook,
  uniqueNamespace,
  waitFor,
} from '@portico/testing';
import mongoose from 'mongoose';
import { randomBytes, randomUUID } from 'node:crypto';
import { mapLagoWebhook } from '../apps/gateway/src/webhooks/lago/lago-payload.mapper';
import { BenchRun } from './bench-record';
import { waitForConsumed } from './consumed-events';

const WEBHOOKS = Number(process.env.WEBHOOKS ?? 5_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);
const AMQP_URL = process.env.AMQP_URL!;
const MONGODB_URI = process.env.MONGODB_URI!;

interface Delivery {
  body: string;
  uniqueKey: string;
  invoiceId: string;
}

function deliveries(count: number): Delivery[] {
  return Array.from({ length: count }, (_, i) => {
    const invoiceId = randomUUID();
    const invoice = lagoInvoice({
      lagoId: invoiceId,
      externalCustomerId: `cus_${i % 200}`,
      number: `HOO-${String(i).padStart(6, '0')}`,
    });
    return {
      body: JSON.stringify(lagoWebhook('invoice.created', 'invoice', invoice)),
      uniqueKey: randomUUID(),
      invoiceId,
    };
  });
}

async function main(): Promise<void> {
  const namespace = uniqueNamespace();
  const suffix = randomBytes(3).toString('hex');
  const adminToken = randomBytes(24).toString('hex');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const invoicesDb = `bench_lago_invoices_${suffix}`;
  const opsPort = await freePort();
  const ops = `http://127.0.0.1:${opsPort}`;
  const run = BenchRun.start('lago', { webhooks: WEBHOOKS, concurrency: CONCURRENCY });
  const common = {
    NODE_ENV: 'production',
    // The load generator is one client with one key/token: per-client rate limits would measure
    // the limiter (429s), not the path.
    RATE_LIMIT_API: '0',
    RATE_LIMIT_PORTAL: '0',
    RATE_LIMIT_ADMIN: '0',
    RATE_LIMIT_WEBHOOKS: '0',
    RATE_LIMIT_FILES: '0',
    RATE_LIMIT_PER_ADDRESS: '0',
    LOG_LEVEL: 'warn',
    AMQP_URL,
    AMQP_NAMESPACE: namespace,
    MONGODB_URI,
  };
  const apps = [
    AppProcess.start('customer-service', {
      ...common,
      MONGODB_DATABASE: `bench_lago_customers_${suffix}`,
    }),
    AppProcess.start('invoice-service', {
      ...common,
      MONGODB_DATABASE: invoicesDb,
      METRICS_PORT: String(opsPort),
      METRICS_HOST: '127.0.0.1',
    }),
    AppProcess.start('gateway', {
      ...common,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: 'https://portal.example.com',
      PORTAL_JWT_SECRET: randomBytes(32).toString('hex'),
      PORTICO_ADMIN_TOKEN: adminToken,
    }),
  ];
  const db = mongoose.createConnection(MONGODB_URI, { dbName: invoicesDb });
  const admin = await BrokerAdmin.connect(AMQP_URL);
  try {
    await db.asPromise();
    await waitFor('the stack to be ready', async () => (await fetch(`${base}/health/ready`)).ok, {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    const adminCall = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };
    const created = await adminCall('POST', '/admin/v1/organizations', { name: 'Bench Lago' });
    const organizationId = (created.organization as { id: string }).id;
    const lago = new LagoSender();
    await adminCall('PUT', `/admin/v1/organizations/${organizationId}/lago`, {
      hmac_key: lago.hmacKey,
    });

    let stored = 0;
    // The invoice-service's acked-events counter (acked after the write): a count of documents
    // on FerretDB scans the collection and would compete with the writes being measured.
    const untilStored = (target: number) =>
      waitForConsumed(ops, 'invoice-service', 'invoice.created', target);

    // Warm-up: keys cached, connections open, queues declared.
    const warm = deliveries(50);
    await post(base, organizationId, lago, warm);
    stored += warm.length;
    await untilStored(stored);

    // Baseline: the same events, as the bridge maps them, published straight to AMQP.
    const direct = deliveries(WEBHOOKS);
    const messages = direct.flatMap((d) => {
      const mapping = mapLagoWebhook(JSON.parse(d.body), organizationId, d.uniqueKey);
      if (mapping.status !== 'mapped') throw new Error('bench payload not mapped');
      return mapping.events.map((event) => ({
        routingKey: event.type,
        body: JSON.stringify(event),
      }));
    });
    let started = process.hrtime.bigint();
    await admin.publishMany(`${namespace}billing.events`, messages);
    stored += WEBHOOKS;
    await untilStored(stored);
    const amqpSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    // Through the bridge.
    const bridged = deliveries(WEBHOOKS);
    started = process.hrtime.bigint();
    const latencies = await post(base, organizationId, lago, bridged);
    const answeredSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    stored += WEBHOOKS;
    await untilStored(stored);
    const bridgeSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    latencies.sort((a, b) => a - b);
    const p = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
    const amqpRate = WEBHOOKS / amqpSeconds;
    const bridgeRate = WEBHOOKS / bridgeSeconds;
    console.log(
      `  AMQP direct (2 events per invoice, confirms): ${amqpRate.toFixed(0)} invoices/s stored (${amqpSeconds.toFixed(1)} s)`,
    );
    console.log(
      `  Lago bridge (HTTP + HMAC + map + confirm):    ${bridgeRate.toFixed(0)} webhooks/s stored (${bridgeSeconds.toFixed(1)} s; all answered after ${answeredSeconds.toFixed(1)} s)`,
    );
    console.log(
      `  webhook response time p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, p99 ${p(0.99).toFixed(1)} ms`,
    );
    const invoices = await db.collection('invoices').countDocuments();
    if (invoices !== stored) throw new Error(`${invoices} invoices stored, ${stored} expected`);
    run.record({
      figure: 'webhooks stored/s through the bridge',
      value: bridgeRate,
      unit: 'webhooks/s',
      baseline: { name: 'same events over AMQP', value: amqpRate, unit: 'invoices/s' },
      ratio: bridgeRate / amqpRate,
    });
    run.record({ figure: 'webhook response p95', value: p(0.95), unit: 'ms' });
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
    await admin.deleteQueues(
      ['customer-service', 'invoice-service'].flatMap((s) =>
        ['events', 'events.retry', 'events.dead-letter', 'rpc'].map((q) => `${namespace}${s}.${q}`),
      ),
    );
    await admin.deleteExchanges([`${namespace}billing.events`]);
    await admin.close();
    await db.dropDatabase().catch(() => undefined);
    await db
      .useDb(`bench_lago_customers_${suffix}`)
      .dropDatabase()
      .catch(() => undefined);
    await db.close();
  }
  await run.finish();
}

/** POSTs every delivery, CONCURRENCY at a time; returns each response time in ms. */
async function post(
  base: string,
  organizationId: string,
  lago: LagoSender,
  list: Delivery[],
): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const delivery = list[next++]!;
      const started = performance.now();
      const response = await fetch(`${base}/webhooks/lago/${organizationId}`, {
        method: 'POST',
        headers: lago.headers(delivery.body, 'hmac', delivery.uniqueKey),
        body: delivery.body,
      });
      const text = await response.text();
      times.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`webhook answered ${response.status}: ${text}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return times;
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
