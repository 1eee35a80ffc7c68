import { defineEvent } from '@portico/contracts';
import { BrokerAdmin, testEnvironment, uniqueNamespace, waitFor } from '@portico/testing';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { afterAll, test } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { z } from 'zod';
import { AmqpConnection } from './amqp-connection';
import { EventConsumer } from './event-consumer';
import { EventPublisher } from './event-publisher';
import { eventsExchangeName } from './topology';

const Counted = defineEvent('stream.counted', z.object({ i: z.number().int() }));
const TOTAL = 3_000;
const CONCURRENCY = 50;
const PREFETCH = 20;
const broker = testEnvironment.restartableBroker;
const run = promisify(execFile);

const rabbitmqctl = (...args: string[]) =>
  run(broker!.ctl, ['-n', broker!.node, ...args], { env: { ...process.env, ...broker!.env } });

const connections: AmqpConnection[] = [];
afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  // Leave the node running for whatever comes next, even if the test failed midway.
  if (broker) await rabbitmqctl('start_app').catch(() => undefined);
});

// Skipped (and counted as skipped) when no restartable RabbitMQ node could be started:
// rabbitmq-server is not installed. npm test says so when it starts.
(broker ? test : test.skip)(
  'a broker restart in the middle of a stream loses nothing',
  async () => {
    const namespace = uniqueNamespace();
    const publisherConnection = new AmqpConnection(broker!.url, 'restart-test-publisher');
    const consumerConnection = new AmqpConnection(broker!.url, 'restart-test-consumer');
    connections.push(publisherConnection, consumerConnection);
    await Promise.all([publisherConnection.start(10_000), consumerConnection.start(10_000)]);
    let reconnects = 0;
    consumerConnection.on('connected', () => reconnects++);
    const publisher = new EventPublisher(publisherConnection, namespace, 60_000);
    await publisher.start();

    // The consumer holds its first deliveries unacked until the broker has been restarted.
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const seen = new Set<number>();
    const consumer = new EventConsumer(consumerConnection, {
      namespace,
      service: 'restart-test',
      prefetch: PREFETCH,
      queueType: 'classic',
      retryDelayMs: 100,
      maxAttempts: 5,
      publishTimeoutMs: 60_000,
    });
    consumer.register(Counted, async (event) => {
      await gate;
      seen.add(event.data.i);
    });
    await consumer.start();

    const publishRange = async (from: number, to: number) => {
      let next = from;
      const worker = async () => {
        while (next < to) {
          const i = next++;
          await publisher.publish(Counted, {
            id: `evt_stream_${i}`,
            organization_id: 'org_1',
            occurred_at: new Date().toISOString(),
            data: { i },
          });
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    };

    // 1. Half the stream is confirmed: PREFETCH messages unacked in the consumer, the rest queued.
    await publishRange(0, TOTAL / 2);
    // 2. The broker goes down; the second half is published while it is away.
    await rabbitmqctl('stop_app');
    const secondHalf = publishRange(TOTAL / 2, TOTAL);
    await sleep(1_000);
    await rabbitmqctl('start_app');
    openGate();
    await secondHalf;

    await waitFor(`all ${TOTAL} events to arrive`, () => seen.size === TOTAL, {
      timeoutMs: 60_000,
    });
    assert.ok(reconnects >= 1, 'the consumer really lost its connection and came back');

    await consumer.stop(5_000);
    await publisher.stop();
    const admin = await BrokerAdmin.connect(broker!.url);
    assert.equal(await admin.messageCount(consumer.queues.events), 0, 'nothing left unacked');
    await admin.deleteQueues(Object.values(consumer.queues));
    await admin.deleteExchanges([eventsExchangeName(namespace)]);
    await admin.close();
  },
);
