// Events/s through `billing.events` into a consumer that acks, with publisher confirms:
// Portico's messaging layer against a raw amqplib publisher/consumer pair, same broker, same run.
// Portico's side is what the services run: a Nest microservice on AmqpTransport, the handler a
// `@HandleEvent` controller method behind Nest's pipeline (interceptor and filter included).
//   npm run bench:messaging            (EVENTS=20000 WINDOW=200 PREFETCH=32 ROUNDS=3 WARMUP_ROUNDS=1)
//   ONLY=portico (or raw) node dist/bench/messaging-throughput.js: one half alone, unrecorded,
//   e.g. under `node --cpu-prof` (bench/cpu-profile-summary.ts reads the profile).
//
// What makes the comparison fair — both halves, in the same process, alternating rounds:
// - the same topology: `billing.events` declared by `declareEventsExchange` (topic, durable, with
//   its alternate exchange) into a durable classic queue bound by the event type;
// - the same payload: `envelope(i)` plus its `type`, JSON, ~0.8 KB, persistent, `messageId` set;
// - the same confirm window: WINDOW publishes in flight, each awaiting its own broker confirm;
// - the same prefetch (PREFETCH) on the consuming channel, and one manual ack per message after
//   its handling (never `multiple`), each side on its own publisher and consumer connections;
// - the same clock: from the first publish to the last ack; connecting, declaring and Nest's
//   start-up are outside it on both sides.
// The baseline parses each body (any consumer must). Portico does everything the services do on
// top: envelope and payload validated when publishing and again when consuming, `type` and
// `timestamp` properties, Nest's pipeline with the correlation interceptor and error filter,
// metrics, in-flight tracking for graceful drain, the failure policy around the handler.
// Each round also prints this process's CPU per event over the timed window (all threads), the
// figure that says what Portico's layer costs when the shared machine makes ev/s swing.
import 'reflect-metadata';
import { Controller, Logger, Module, type DynamicModule } from '@nestjs/common';
import { defineEvent } from '@portico/contracts';
import {
  AmqpConnection,
  createMessagingMicroservice,
  EventPublisher,
  declareEventsExchange,
  eventsExchangeName,
  HandleEvent,
  MessagingModule,
  serviceQueueNames,
  type MessagingOptions,
} from '@portico/messaging';
import { connect } from 'amqplib';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { BenchRun } from './bench-record';

const EVENTS = Number(process.env.EVENTS ?? 20_000);
const WINDOW = Number(process.env.WINDOW ?? 200);
const PREFETCH = Number(process.env.PREFETCH ?? 32);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
/** Untimed rounds of each side first: JIT warm-up and the broker's first queues, for both. */
const WARMUP_ROUNDS = Number(process.env.WARMUP_ROUNDS ?? 1);
const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** A payload the size of a real invoice event (~1 KB). */
const BenchInvoice = defineEvent(
  'bench.invoice_created',
  z.object({
    id: z.string(),
    number: z.string(),
    currency: z.string().length(3),
    total_amount_cents: z.number().int(),
    fees: z.array(
      z.object({ description: z.string(), units: z.number(), amount_cents: z.number().int() }),
    ),
  }),
);
const data = (i: number) => ({
  id: `inv_${i}`,
  number: `INV-2026-${String(i).padStart(6, '0')}`,
  currency: 'EUR',
  total_amount_cents: 12_345 + i,
  fees: Array.from({ length: 8 }, (_, f) => ({
    description: `Usage line ${f} for the period`,
    units: f + 1,
    amount_cents: 1_000 * (f + 1),
  })),
});
const envelope = (i: number) => ({
  id: `evt_${i}`,
  organization_id: 'org_bench',
  occurred_at: new Date().toISOString(),
  data: data(i),
});

/** Runs `publish(i)` for every event with at most WINDOW unconfirmed at once. */
async function publishAll(publish: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < EVENTS) await publish(next++);
  };
  await Promise.all(Array.from({ length: WINDOW }, worker));
}

/** Events/s over the timed window, and this process's CPU (all threads) per event in it. */
interface Measured {
  rate: number;
  cpuMicrosPerEvent: number;
}

function startMeasuring(): () => Measured {
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  return () => {
    const seconds = Number(process.hrtime.bigint() - wall) / 1e9;
    const used = process.cpuUsage(cpu);
    return { rate: EVENTS / seconds, cpuMicrosPerEvent: (used.user + used.system) / EVENTS };
  };
}

function waitForCount(counter: () => number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (counter() >= EVENTS) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
}

async function raw(): Promise<Measured> {
  const ns = `bench${randomBytes(3).toString('hex')}.`;
  const exchange = eventsExchangeName(ns);
  const queue = `${ns}raw.events`;
  const [pubConn, subConn] = await Promise.all([
    connect(AMQP_URL, { noDelay: true }),
    connect(AMQP_URL, { noDelay: true }),
  ]);
  const pub = await pubConn.createConfirmChannel();
  const sub = await subConn.createChannel();
  await declareEventsExchange(pub, ns);
  await sub.assertQueue(queue, { durable: true });
  await sub.bindQueue(queue, exchange, BenchInvoice.type);
  await sub.prefetch(PREFETCH);
  let consumed = 0;
  await sub.consume(queue, (message) => {
    if (!message) return;
    JSON.parse(message.content.toString());
    sub.ack(message);
    consumed++;
  });
  const measure = startMeasuring();
  await publishAll(
    (i) =>
      new Promise<void>((resolve, reject) => {
        const body = Buffer.from(JSON.stringify({ ...envelope(i), type: BenchInvoice.type }));
        pub.publish(
          exchange,
          BenchInvoice.type,
          body,
          { persistent: true, contentType: 'application/json', messageId: `evt_${i}` },
          (err) => (err ? reject(err) : resolve()),
        );
      }),
  );
  await waitForCount(() => consumed);
  const measured = measure();
  await sub.deleteQueue(queue);
  await pub.deleteExchange(exchange);
  await Promise.all([pubConn.close(), subConn.close()]);
  return measured;
}

let benchConsumed = 0;

@Controller()
class BenchConsumer {
  @HandleEvent(BenchInvoice)
  async handle(): Promise<void> {
    benchConsumed++;
  }
}

@Module({})
class BenchModule {
  static register(options: MessagingOptions): DynamicModule {
    return {
      module: BenchModule,
      imports: [MessagingModule.forRoot(options)],
      controllers: [BenchConsumer],
    };
  }
}

async function portico(): Promise<Measured> {
  const ns = `bench${randomBytes(3).toString('hex')}.`;
  const pubConn = new AmqpConnection(AMQP_URL, 'bench-publisher');
  await pubConn.start();
  const publisher = new EventPublisher(pubConn, ns, 30_000);
  await publisher.start();
  const service = await createMessagingMicroservice(
    BenchModule.register({
      url: AMQP_URL,
      namespace: ns,
      appName: 'bench',
      prefetch: PREFETCH,
      queueType: 'classic',
      retryDelayMs: 1_000,
      maxAttempts: 3,
      rpcTimeoutMs: 5_000,
      shutdownTimeoutMs: 5_000,
      publishTimeoutMs: 30_000,
    }),
    { logger: ['error'] },
  );
  await service.listen();
  benchConsumed = 0;
  const measure = startMeasuring();
  await publishAll((i) => publisher.publish(BenchInvoice, envelope(i)));
  await waitForCount(() => benchConsumed);
  const measured = measure();
  await service.close();
  await publisher.stop();
  const cleanup = await connect(AMQP_URL);
  const channel = await cleanup.createChannel();
  const queues = serviceQueueNames(ns, 'bench');
  for (const q of [queues.events, queues.retry, queues.deadLetter]) await channel.deleteQueue(q);
  await channel.deleteExchange(eventsExchangeName(ns));
  await cleanup.close();
  await pubConn.close();
  return measured;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const describe = (m: Measured) =>
  `${m.rate.toFixed(0)} ev/s (${m.cpuMicrosPerEvent.toFixed(1)} µs CPU/event)`;

/** `ONLY=portico` (or `raw`): that half alone, unrecorded — for a CPU profile of one side. */
async function only(side: string): Promise<void> {
  for (let round = 1; round <= ROUNDS; round++) {
    const measured = side === 'raw' ? await raw() : await portico();
    console.log(`  round ${round}: ${side} ${describe(measured)}`);
  }
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  if (process.env.ONLY) return only(process.env.ONLY);
  const run = BenchRun.start('messaging', {
    events: EVENTS,
    window: WINDOW,
    prefetch: PREFETCH,
    rounds: ROUNDS,
    warmup_rounds: WARMUP_ROUNDS,
  });
  for (let round = 1; round <= WARMUP_ROUNDS; round++) {
    const [baseline, measured] = [await raw(), await portico()];
    console.log(
      `  warm-up ${round} (not counted): raw amqplib ${describe(baseline)}, portico ${describe(measured)}`,
    );
  }
  const rawRuns: number[] = [];
  const ours: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const baseline = await raw();
    const measured = await portico();
    rawRuns.push(baseline.rate);
    ours.push(measured.rate);
    console.log(
      `  round ${round}: raw amqplib ${describe(baseline)}, portico ${describe(measured)}`,
    );
  }
  const r = median(rawRuns);
  const p = median(ours);
  console.log(
    `median: raw amqplib ${r.toFixed(0)} ev/s | portico ${p.toFixed(0)} ev/s | ratio ${(p / r).toFixed(2)}`,
  );
  run.record({
    figure: `events/s, median of ${ROUNDS} rounds`,
    value: p,
    unit: 'ev/s',
    baseline: { name: 'raw amqplib', value: r, unit: 'ev/s' },
    ratio: p / r,
    target: 'ratio ≥ 0.8',
    met: p / r >= 0.8,
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
