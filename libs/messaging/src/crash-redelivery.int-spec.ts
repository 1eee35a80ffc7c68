import {
  DIST_DIR,
  BrokerAdmin,
  testEnvironment,
  uniqueDatabaseName,
  uniqueNamespace,
  waitFor,
} from '@portico/testing';
import mongoose from 'mongoose';
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, test } from '@jest/globals';
import { Tallied } from '../test/tally.contract';
import { AmqpConnection } from './amqp-connection';
import { EventPublisher } from './event-publisher';
import { eventsExchangeName, serviceQueueNames } from './topology';

const namespace = uniqueNamespace();
const database = uniqueDatabaseName('crash');
let db: mongoose.Connection;
let connection: AmqpConnection;
let publisher: EventPublisher;

function startConsumer(crashAfterWriteOf?: number): {
  child: ChildProcess;
  ready: Promise<unknown>;
} {
  const child = fork(join(DIST_DIR, 'libs/messaging/test/tally-consumer.js'), {
    env: {
      ...process.env,
      AMQP_URL: testEnvironment.amqpUrl,
      AMQP_NAMESPACE: namespace,
      MONGODB_URI: testEnvironment.mongoUri,
      MONGODB_DATABASE: database,
      CRASH_AFTER_WRITE_OF: crashAfterWriteOf === undefined ? '' : String(crashAfterWriteOf),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return { child, ready: once(child, 'message') };
}

beforeAll(async () => {
  db = mongoose.createConnection(testEnvironment.mongoUri, { dbName: database });
  await db.asPromise();
  await db.collection('totals').insertOne({ _id: 'tally' as never, total: 0, processed: [] });
  connection = new AmqpConnection(testEnvironment.amqpUrl, 'crash-test-publisher');
  await connection.start(10_000);
  publisher = new EventPublisher(connection, namespace, 10_000);
  await publisher.start();
});

afterAll(async () => {
  await publisher.stop();
  await connection.close();
  const admin = await BrokerAdmin.connect(testEnvironment.amqpUrl);
  await admin.deleteQueues(Object.values(serviceQueueNames(namespace, 'tally')));
  await admin.deleteExchanges([eventsExchangeName(namespace)]);
  await admin.close();
  await db.dropDatabase();
  await db.close();
});

test('a consumer that dies after its write but before its ack: redelivered, counted once', async () => {
  const first = startConsumer(3);
  await first.ready;
  const values = [1, 2, 3, 4, 5];
  for (const n of values) {
    await publisher.publish(Tallied, {
      id: `evt_tally_${n}`,
      organization_id: 'org_1',
      occurred_at: new Date().toISOString(),
      data: { n },
    });
  }
  const [exitCode] = (await once(first.child, 'exit')) as [number];
  assert.equal(exitCode, 42, 'the first consumer crashed where we told it to');

  const second = startConsumer();
  await second.ready;
  const expected = values.reduce((a, b) => a + b, 0);
  const tally = await waitFor('every event to be counted', async () => {
    const doc = await db.collection('totals').findOne({ _id: 'tally' as never });
    return doc && doc.processed.length === values.length ? doc : undefined;
  });
  assert.equal(tally.total, expected, 'each event counted exactly once');

  const deliveriesOf3 = await db.collection('deliveries').find({ event: 'evt_tally_3' }).toArray();
  assert.equal(deliveriesOf3.length, 2, 'the unacked event came back');
  assert.equal(deliveriesOf3[1]!.redelivered, true, 'and the broker said it was a redelivery');
  assert.notEqual(deliveriesOf3[0]!.pid, deliveriesOf3[1]!.pid);

  second.child.kill('SIGTERM');
  const [secondExit] = (await once(second.child, 'exit')) as [number];
  assert.equal(secondExit, 0, 'graceful shutdown');
  const admin = await BrokerAdmin.connect(testEnvironment.amqpUrl);
  assert.equal(await admin.messageCount(serviceQueueNames(namespace, 'tally').events), 0);
  await admin.close();
});
