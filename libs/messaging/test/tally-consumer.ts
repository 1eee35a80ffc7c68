// A consumer process for the crash test: adds each event's `n` to a running total exactly once,
// and can be told to die right after its write, before it acks.
import 'reflect-metadata';
import mongoose from 'mongoose';
import { AmqpConnection } from '../src/amqp-connection';
import { EventConsumer } from '../src/event-consumer';
import { Tallied } from './tally.contract';

async function main(): Promise<void> {
  const env = process.env as Record<string, string>;
  const db = mongoose.createConnection(env.MONGODB_URI!, { dbName: env.MONGODB_DATABASE });
  await db.asPromise();
  const totals = db.collection<{ _id: string; total: number; processed: string[] }>('totals');
  const deliveries = db.collection('deliveries');
  const connection = new AmqpConnection(env.AMQP_URL!, `tally-${process.pid}`);
  await connection.start(10_000);
  const consumer = new EventConsumer(connection, {
    namespace: env.AMQP_NAMESPACE!,
    service: 'tally',
    prefetch: 1,
    queueType: 'classic',
    retryDelayMs: 100,
    maxAttempts: 5,
    publishTimeoutMs: 5_000,
  });
  consumer.register(Tallied, async (event, context) => {
    await deliveries.insertOne({
      event: event.id,
      redelivered: context.redelivered,
      pid: process.pid,
    });
    // Effectively-once: the total and the list of counted ids change together, in one document,
    // and only if this id was not counted yet.
    await totals.updateOne(
      { _id: 'tally', processed: { $ne: event.id } },
      { $inc: { total: event.data.n }, $push: { processed: event.id } },
    );
    if (String(event.data.n) === env.CRASH_AFTER_WRITE_OF && !context.redelivered) process.exit(42);
  });
  await consumer.start();
  process.send?.('ready');
  process.on('SIGTERM', () => {
    void consumer.stop(5_000).then(async () => {
      await connection.close();
      await db.close();
      process.exit(0);
    });
  });
}

void main();
