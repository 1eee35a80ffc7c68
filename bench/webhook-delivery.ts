// Outbound webhooks: DELIVERIES invoice.payment_requested events published to billing.events and
// delivered by the customer-service to one loopback endpoint — fan-out, stored delivery, signed
// (Standard Webhooks), POSTed through the outbound guard, attempt logged — timed from the first
// publish until the receiver has them all; against plain unsigned HTTP POSTs of the same bodies
// from this process to the same receiver with the same concurrency, in the same run. Then the
// latency: LATENCY_EVENTS published one by one, RATE per second, each timed from publish to receipt.
//   npm run bench:webhooks        (DELIVERIES=2000 CONCURRENCY=16 LATENCY_EVENTS=200 RATE=20)
import { BrokerAdmin, invoicePaymentRequested, billingEvent, waitFor } from '@portico/testing';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchRun } from './bench-record';
import { startBenchStack } from './bench-stack';

const DELIVERIES = Number(process.env.DELIVERIES ?? 2_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const LATENCY_EVENTS = Number(process.env.LATENCY_EVENTS ?? 200);
const RATE = Number(process.env.RATE ?? 20);

/** Counts what arrives, by the invoice id inside the body, with the time it arrived. */
class Receiver {
  readonly arrivals = new Map<string, number>();
  private server?: http.Server;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as {
          data: { invoice: { id: string } };
        };
        if (!this.arrivals.has(body.data.invoice.id))
          this.arrivals.set(body.data.invoice.id, performance.now());
        res.writeHead(204).end();
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** The baseline: the same bodies, POSTed unsigned with keep-alive and CONCURRENCY in flight. */
async function plainPosts(url: string, bodies: string[]): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(url, {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      req.once('error', reject);
      req.once('response', (res) => {
        res.resume();
        res.once('end', resolve);
      });
      req.end(body);
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) await post(bodies[next++]!);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return bodies.length / seconds;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const run = BenchRun.start('webhooks', {
    deliveries: DELIVERIES,
    concurrency: CONCURRENCY,
    latency_events: LATENCY_EVENTS,
    rate: RATE,
  });
  const receiver = new Receiver();
  await receiver.start();
  const { namespace, adminToken, base, apps } = await startBenchStack({
    env: {
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_CONCURRENCY: String(CONCURRENCY),
    },
  });
  const broker = await BrokerAdmin.connect(process.env.AMQP_URL!);
  try {
    await waitFor('the stack to be ready', async () => (await fetch(`${base}/health/ready`)).ok, {
      timeoutMs: 90_000,
      intervalMs: 250,
    });
    const admin = async (path: string, body: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, { id: string }>;
    };
    const org = (await admin('/admin/v1/organizations', { name: 'Bench Org' })).organization!.id;
    await admin(`/admin/v1/organizations/${org}/webhook-endpoints`, { url: receiver.url });
    const exchange = `${namespace}billing.events`;
    const events = (count: number) =>
      Array.from({ length: count }, () =>
        billingEvent('invoice.payment_requested', org, invoicePaymentRequested()),
      );
    const idOf = (event: Record<string, unknown>) =>
      (event.data as { invoice: { id: string } }).invoice.id;

    console.log(
      `webhook delivery: ${DELIVERIES} deliveries, ${CONCURRENCY} in flight; latency: ${LATENCY_EVENTS} events at ${RATE}/s`,
    );
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; receiver and load generator on the same machine`,
    );

    // Warm-up: connections, JIT, indexes.
    const warm = events(50);
    await broker.publishMany(
      exchange,
      warm.map((e) => ({ routingKey: 'invoice.payment_requested', body: JSON.stringify(e) })),
    );
    await waitFor('the warm-up', () => warm.every((e) => receiver.arrivals.has(idOf(e))), {
      timeoutMs: 120_000,
      intervalMs: 50,
    });

    // Throughput through Portico.
    const batch = events(DELIVERIES);
    const started = performance.now();
    await broker.publishMany(
      exchange,
      batch.map((e) => ({ routingKey: 'invoice.payment_requested', body: JSON.stringify(e) })),
    );
    await waitFor('every delivery', () => batch.every((e) => receiver.arrivals.has(idOf(e))), {
      timeoutMs: 600_000,
      intervalMs: 20,
    });
    const last = Math.max(...batch.map((e) => receiver.arrivals.get(idOf(e))!));
    const porticoRate = DELIVERIES / ((last - started) / 1000);

    // Baseline: the same bodies Portico sent, unsigned, straight from here.
    const bodies = batch.map((e) =>
      JSON.stringify({ type: e.type, timestamp: e.occurred_at, data: e.data }),
    );
    receiver.arrivals.clear();
    const plainRate = await plainPosts(receiver.url, bodies);

    // Latency, at a steady rate well below capacity.
    const paced = events(LATENCY_EVENTS);
    const publishedAt = new Map<string, number>();
    for (const event of paced) {
      publishedAt.set(idOf(event), performance.now());
      await broker.publishRaw(exchange, 'invoice.payment_requested', JSON.stringify(event));
      await sleep(1000 / RATE);
    }
    await waitFor(
      'the paced deliveries',
      () => paced.every((e) => receiver.arrivals.has(idOf(e))),
      {
        timeoutMs: 300_000,
        intervalMs: 20,
      },
    );
    const latencies = paced.map((e) => receiver.arrivals.get(idOf(e))! - publishedAt.get(idOf(e))!);

    console.log(
      `  plain unsigned POSTs (baseline)  ${plainRate.toFixed(0).padStart(6)} deliveries/s`,
    );
    console.log(
      `  portico (signed, logged)         ${porticoRate.toFixed(0).padStart(6)} deliveries/s`,
    );
    console.log(`ratio portico / plain: ${(porticoRate / plainRate).toFixed(3)}`);
    run.record({
      figure: 'webhook deliveries/s (signed, logged)',
      value: porticoRate,
      unit: 'deliveries/s',
      baseline: { name: 'plain unsigned POSTs', value: plainRate, unit: 'deliveries/s' },
      ratio: porticoRate / plainRate,
    });
    run.record({
      figure: 'published → received p95',
      value: percentile(latencies, 95),
      unit: 'ms',
    });
    console.log(
      `published → received: p50 ${percentile(latencies, 50).toFixed(0)} ms  p95 ${percentile(latencies, 95).toFixed(0)} ms  max ${Math.max(...latencies).toFixed(0)} ms`,
    );
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    await broker.close();
    await Promise.all(apps.map((a) => a.stop()));
    await receiver.stop();
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
