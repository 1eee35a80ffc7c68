import { defineEvent, DomainError, ErrorCode, type EventEnvelope } from '@portico/contracts';
import { BrokerAdmin, testEnvironment, uniqueNamespace, waitFor } from '@portico/testing';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import { z } from 'zod';
import { AmqpConnection } from './amqp-connection';
import { EventConsumer, type EventContext } from './event-consumer';
import { EventPublisher } from './event-publisher';
import { Header } from './message-headers';
import { eventsExchangeName } from './topology';

const ThingHappened = defineEvent(
  'thing.happened',
  z.object({ n: z.number().int(), fail: z.string().optional() }),
);

// Quorum queues (AMQP_QUEUE_TYPE=quorum, for a RabbitMQ cluster) must behave exactly like
// classic ones: per-message TTL on the retry queue and its dead-lettering back to the events
// queue are supported by quorum queues since RabbitMQ 3.10.
for (const queueType of ['classic', 'quorum'] as const)
  describe(`EventConsumer against a real broker (${queueType} queues)`, () => {
    const namespace = uniqueNamespace();
    const exchange = eventsExchangeName(namespace);
    let connection: AmqpConnection;
    let publisher: EventPublisher;
    let consumer: EventConsumer;
    let admin: BrokerAdmin;
    const handled: { event: EventEnvelope<{ n: number; fail?: string }>; context: EventContext }[] =
      [];
    const failuresLeft = new Map<number, number>();

    beforeAll(async () => {
      connection = new AmqpConnection(testEnvironment.amqpUrl, 'event-consumer-test');
      await connection.start(10_000);
      publisher = new EventPublisher(connection, namespace, 10_000);
      await publisher.start();
      consumer = new EventConsumer(connection, {
        namespace,
        service: 'test-service',
        prefetch: 10,
        queueType,
        retryDelayMs: 100,
        maxAttempts: 3,
        publishTimeoutMs: 10_000,
      });
      consumer.register(ThingHappened, async (event, context) => {
        const left = failuresLeft.get(event.data.n) ?? 0;
        if (event.data.fail === 'permanent')
          throw new DomainError(ErrorCode.ValidationFailed, 'unknown customer');
        if (event.data.fail === 'outage' && left > 0) {
          failuresLeft.set(event.data.n, left - 1);
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), {
            name: 'MongoServerSelectionError',
          });
        }
        if (event.data.fail === 'outage-then-bug' && left > 0) {
          failuresLeft.set(event.data.n, left - 1);
          if (left > 1)
            throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), {
              name: 'MongoServerSelectionError',
            });
          throw new Error('not an outage after all');
        }
        if (event.data.fail === 'always' || left > 0) {
          failuresLeft.set(event.data.n, left - 1);
          throw new Error('database briefly away');
        }
        handled.push({ event, context });
      });
      await consumer.start();
      admin = await BrokerAdmin.connect(testEnvironment.amqpUrl);
    });

    beforeEach(async () => {
      handled.length = 0;
      await admin.drain(consumer.queues.deadLetter);
    });

    afterAll(async () => {
      await consumer.stop(5_000);
      await publisher.stop();
      await admin.deleteQueues(Object.values(consumer.queues));
      await admin.deleteExchanges([exchange]);
      await admin.close();
      await connection.close();
    });

    const envelope = (n: number, extra: Record<string, unknown> = {}) => ({
      id: `evt_${randomUUID()}`,
      organization_id: 'org_1',
      occurred_at: new Date().toISOString(),
      data: { n, ...extra },
    });
    const rawEnvelope = (n: number, data: unknown = { n }) =>
      JSON.stringify({ ...envelope(n), type: ThingHappened.type, data });
    const deadLetters = async (count: number) => {
      const letters: Awaited<ReturnType<BrokerAdmin['drain']>> = [];
      await waitFor(`${count} dead letters`, async () => {
        letters.push(...(await admin.drain(consumer.queues.deadLetter)));
        return letters.length >= count;
      });
      return letters;
    };

    test('a published event reaches its handler with its context', async () => {
      await publisher.publish(ThingHappened, envelope(1), { correlationId: 'req-1' });
      await waitFor('the event to be handled', () => handled.length === 1);
      assert.equal(handled[0]!.event.data.n, 1);
      assert.equal(handled[0]!.context.routingKey, 'thing.happened');
      assert.equal(handled[0]!.context.attempt, 1);
      assert.equal(handled[0]!.context.correlationId, 'req-1');
    });

    test('plain JSON from an external publisher works: nothing NestJS-specific on the wire', async () => {
      await admin.publishRaw(exchange, ThingHappened.type, rawEnvelope(2));
      await waitFor('the raw event to be handled', () => handled.some((h) => h.event.data.n === 2));
    });

    test('invalid JSON is dead-lettered with its reason and the next message still flows', async () => {
      await admin.publishRaw(exchange, ThingHappened.type, '{"id": "evt_broken", ');
      await admin.publishRaw(exchange, ThingHappened.type, rawEnvelope(3));
      const [letter] = await deadLetters(1);
      assert.match(String(letter!.properties.headers?.[Header.Reason]), /^invalid_json: /);
      assert.equal(
        letter!.content.toString(),
        '{"id": "evt_broken", ',
        'the original bytes are kept',
      );
      assert.equal(letter!.properties.headers?.[Header.RoutingKey], 'thing.happened');
      await waitFor('the good message after the poison one', () =>
        handled.some((h) => h.event.data.n === 3),
      );
    });

    test('a payload that fails validation names the field in its dead-letter reason', async () => {
      await admin.publishRaw(exchange, ThingHappened.type, rawEnvelope(4, { n: 'four' }));
      await admin.publishRaw(exchange, ThingHappened.type, rawEnvelope(5));
      const [letter] = await deadLetters(1);
      assert.match(
        String(letter!.properties.headers?.[Header.Reason]),
        /^invalid_payload: data\.n: /,
      );
      await waitFor('the next good message', () => handled.some((h) => h.event.data.n === 5));
    });

    test('a dependency away pauses consumption; the message waits unacked, then is handled once', async () => {
      failuresLeft.set(60, 4);
      await publisher.publish(ThingHappened, envelope(60, { fail: 'outage' }));
      await waitFor('consumption paused', () => consumer.paused !== undefined);
      assert.match(consumer.paused!.reason, /MongoServerSelectionError/);
      await publisher.publish(ThingHappened, envelope(61));
      await waitFor('the outage over', () => handled.some((h) => h.event.data.n === 60), {
        timeoutMs: 30_000,
      });
      const handledOnce = handled.filter((h) => h.event.data.n === 60);
      assert.equal(handledOnce.length, 1);
      assert.equal(handledOnce[0]!.context.attempt, 1, 'never through the retry queue');
      await waitFor('consumption resumed, the next message handled', () =>
        handled.some((h) => h.event.data.n === 61),
      );
      assert.equal(consumer.paused, undefined);
      assert.equal(await admin.messageCount(consumer.queues.deadLetter), 0);
    });

    test('a pause ends when no message waits for it any more', async () => {
      // The message that paused consumption leaves the wait for the retry queue: with nobody left
      // in hand to resume it, the consumer stayed cancelled, its own retry stuck in the queue.
      failuresLeft.set(64, 2);
      await publisher.publish(ThingHappened, envelope(64, { fail: 'outage-then-bug' }));
      await waitFor('consumption paused', () => consumer.paused !== undefined);
      await publisher.publish(ThingHappened, envelope(65));
      await waitFor(
        'the retry and the next message handled',
        () =>
          handled.some((h) => h.event.data.n === 64) && handled.some((h) => h.event.data.n === 65),
        { timeoutMs: 30_000 },
      );
      assert.equal(handled.find((h) => h.event.data.n === 64)!.context.attempt, 2);
      assert.equal(consumer.paused, undefined);
      assert.equal(await admin.messageCount(consumer.queues.deadLetter), 0);
    });

    test('a transient failure is retried after a delay and then succeeds, once', async () => {
      failuresLeft.set(6, 2);
      await publisher.publish(ThingHappened, envelope(6));
      await waitFor('the retried event', () => handled.some((h) => h.event.data.n === 6));
      const successes = handled.filter((h) => h.event.data.n === 6);
      assert.equal(successes.length, 1);
      assert.equal(successes[0]!.context.attempt, 3);
      assert.equal(
        successes[0]!.context.routingKey,
        'thing.happened',
        'the retry keeps the original key',
      );
      assert.equal(await admin.messageCount(consumer.queues.deadLetter), 0);
    });

    test('a failure that persists is dead-lettered after the last attempt, with the reason', async () => {
      await publisher.publish(ThingHappened, envelope(7, { fail: 'always' }));
      const [letter] = await deadLetters(1);
      const headers = letter!.properties.headers!;
      assert.match(
        String(headers[Header.Reason]),
        /^handler_failed after 3 attempts: Error: database briefly away/,
      );
      assert.equal(headers[Header.Attempt], 3);
      assert.equal(headers[Header.SourceQueue], consumer.queues.events);
      assert.ok(!('x-death' in headers), 'broker bookkeeping of retries is not carried along');
    });

    test('a domain error about the message is dead-lettered at once, without retries', async () => {
      await publisher.publish(ThingHappened, envelope(8, { fail: 'permanent' }));
      const [letter] = await deadLetters(1);
      assert.match(
        String(letter!.properties.headers?.[Header.Reason]),
        /^rejected: validation_errors: unknown customer/,
      );
      assert.equal(letter!.properties.headers?.[Header.Attempt], 1);
    });

    test('the publisher refuses an invalid event before it reaches the broker', async () => {
      await assert.rejects(
        publisher.publish(ThingHappened, { ...envelope(9), data: { n: 1.5 } }),
        (error: DomainError) =>
          error.code === ErrorCode.ValidationFailed && error.details?.[0]?.field === 'data.n',
      );
    });

    test('the queue is empty at the end: everything was acked', async () => {
      await waitFor(
        'an empty queue',
        async () => (await admin.messageCount(consumer.queues.events)) === 0,
      );
    });

    test('stop() lets a message in hand finish and acks it before closing', async () => {
      const slow = new EventConsumer(connection, {
        namespace,
        service: 'slow-service',
        prefetch: 1,
        queueType,
        retryDelayMs: 100,
        maxAttempts: 3,
        publishTimeoutMs: 10_000,
      });
      let started = false;
      let finished = false;
      slow.register(ThingHappened, async () => {
        started = true;
        await new Promise((resolve) => setTimeout(resolve, 300));
        finished = true;
      });
      await slow.start();
      await publisher.publish(ThingHappened, envelope(10));
      await waitFor('the slow handler to start', () => started);
      await slow.stop(5_000);
      assert.equal(finished, true, 'stop waited for the handler');
      assert.equal(await admin.messageCount(slow.queues.events), 0, 'and its message was acked');
      await admin.deleteQueues(Object.values(slow.queues));
    });
  });
