import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { OutboundRequestError } from '@portico/outbound';
import { loadCustomerServiceConfig } from '../config/customer-service.config';
import { deliveryIdFor } from './webhook-deliveries.service';
import type { WebhookDeliveryRecord } from './webhook-deliveries.repository';
import { WebhookDispatcher } from './webhook-dispatcher';
import type { WebhookEndpointRecord } from './webhook-endpoints.repository';
import { LAGO_TARGET, type LagoAttemptResult } from './lago-write-back';

const lagoResult = (changes: Partial<LagoAttemptResult> = {}): LagoAttemptResult => ({
  status: 200,
  latencyMs: 4,
  excerpt: null,
  error: null,
  retryable: false,
  ...changes,
});

// Unit tier: the decision after one attempt, with in-memory stand-ins for the repositories and the
// guard. The broker and database paths are covered by test/e2e/webhooks.e2e-spec.ts.
function setup(
  answer: () => Promise<{ status: number }>,
  endpointChanges: Partial<WebhookEndpointRecord> = {},
  lagoAnswer: () => Promise<LagoAttemptResult> = async () => lagoResult(),
) {
  const config = loadCustomerServiceConfig({
    WEBHOOK_RETRY_SCHEDULE_MS: '1000,2000',
    WEBHOOK_RETRY_JITTER_PERCENT: '0',
    WEBHOOK_DISABLE_AFTER_MS: '60000',
  });
  const now = new Date();
  const endpoint: WebhookEndpointRecord = {
    _id: 'we_1',
    organization_id: 'org_1',
    url: 'https://hooks.example.com/x',
    description: null,
    event_types: null,
    enabled: true,
    disabled_reason: null,
    disabled_at: null,
    failing_since: null,
    last_error: null,
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    previous_secret: null,
    previous_secret_expires_at: null,
    created_at: now,
    updated_at: now,
    ...endpointChanges,
  };
  const delivery: WebhookDeliveryRecord = {
    _id: 'msg_1',
    organization_id: 'org_1',
    endpoint_id: 'we_1',
    event_id: 'evt_1',
    event_type: 'portico.test',
    body: '{"type":"portico.test"}',
    status: 'pending',
    generation: 0,
    attempt_count: 0,
    last_error: null,
    next_attempt_at: null,
    delivered_at: null,
    created_at: now,
  };
  const attempts: unknown[] = [];
  const published: unknown[] = [];
  let disabled = false;
  const deliveries = {
    find: async () => delivery,
    update: async (_o: string, _i: string, changes: Partial<WebhookDeliveryRecord>) =>
      Object.assign(delivery, changes),
    addAttempt: async (a: unknown) => void attempts.push(a),
  };
  const endpoints = {
    find: async () => endpoint,
    markFailing: async () => undefined,
    markHealthy: async () => undefined,
    disableFailing: async () => (disabled ? false : (disabled = true)),
  };
  const guard = {
    request: async () => {
      const { status } = await answer();
      return { status, headers: {}, body: Buffer.from('ok'), truncated: false, latencyMs: 3 };
    },
  };
  const publisher = { publish: async (_c: unknown, e: unknown) => void published.push(e) };
  const lago = { send: async () => lagoAnswer() };
  const dispatcher = new WebhookDispatcher(
    { consumeWith: () => undefined } as never,
    deliveries as never,
    endpoints as never,
    guard as never,
    publisher as never,
    lago as never,
    config,
  );
  const job = {
    organization_id: 'org_1',
    endpoint_id: 'we_1',
    delivery_id: 'msg_1',
    generation: 0,
  };
  return { dispatcher, job, delivery, attempts, published };
}

describe('WebhookDispatcher: what follows an attempt', () => {
  test('2xx: delivered, done', async () => {
    const { dispatcher, job, delivery, attempts } = setup(async () => ({ status: 204 }));
    assert.deepEqual(await dispatcher.attempt(job, 1), { kind: 'done' });
    assert.equal(delivery.status, 'delivered');
    assert.equal(attempts.length, 1);
  });

  test('non-2xx: retried after the scheduled delay, then dead-lettered', async () => {
    const { dispatcher, job, delivery } = setup(async () => ({ status: 500 }));
    assert.deepEqual(await dispatcher.attempt(job, 1), { kind: 'retry', delayMs: 1000 });
    assert.deepEqual(await dispatcher.attempt(job, 2), { kind: 'retry', delayMs: 2000 });
    assert.deepEqual(await dispatcher.attempt(job, 3), {
      kind: 'dead',
      reason: 'gave up after 3 attempts: HTTP 500',
    });
    assert.equal(delivery.status, 'failed');
    assert.equal(delivery.attempt_count, 3);
  });

  test('a timeout or refused connection counts as a failed attempt, not a crash', async () => {
    const { dispatcher, job, delivery } = setup(async () => {
      throw new OutboundRequestError('no complete answer within 15000 ms');
    });
    assert.equal((await dispatcher.attempt(job, 1)).kind, 'retry');
    assert.match(delivery.last_error ?? '', /within 15000 ms/);
  });

  test('our own dependency failing throws (the queue puts the attempt back untouched)', async () => {
    const { dispatcher, job } = setup(async () => {
      throw new Error('MongoNetworkError');
    });
    await assert.rejects(dispatcher.attempt(job, 1), /MongoNetworkError/);
  });

  test('failing for longer than the window: disabled once, operator told', async () => {
    const { dispatcher, job, delivery, published } = setup(async () => ({ status: 503 }), {
      failing_since: new Date(Date.now() - 61_000),
    });
    assert.deepEqual(await dispatcher.attempt(job, 1), { kind: 'done' });
    assert.equal(delivery.status, 'failed');
    assert.match(delivery.last_error ?? '', /endpoint disabled/);
    assert.equal(published.length, 1);
  });

  test('Lago write-back: a 5xx retried on the schedule, a refusal failed at once, success delivered', async () => {
    let answers = [
      lagoResult({ status: 503, error: 'update customer: Lago answered 503', retryable: true }),
      lagoResult(),
    ];
    const retried = setup(
      async () => ({ status: 200 }),
      {},
      async () => answers.shift()!,
    );
    retried.delivery.endpoint_id = LAGO_TARGET;
    const job = { ...retried.job, endpoint_id: LAGO_TARGET };
    assert.deepEqual(await retried.dispatcher.attempt(job, 1), { kind: 'retry', delayMs: 1000 });
    assert.deepEqual(await retried.dispatcher.attempt(job, 2), { kind: 'done' });
    assert.equal(retried.delivery.status, 'delivered');
    assert.equal(retried.attempts.length, 2);

    answers = [lagoResult({ status: 422, error: 'update customer: Lago answered 422' })];
    const refused = setup(
      async () => ({ status: 200 }),
      {},
      async () => answers.shift()!,
    );
    refused.delivery.endpoint_id = LAGO_TARGET;
    assert.deepEqual(await refused.dispatcher.attempt(job, 1), { kind: 'done' });
    assert.equal(refused.delivery.status, 'failed');
    assert.match(refused.delivery.last_error ?? '', /422/);
  });

  test('a stale job (superseded by a redelivery) does nothing', async () => {
    const { dispatcher, job, attempts } = setup(async () => ({ status: 200 }));
    assert.deepEqual(await dispatcher.attempt({ ...job, generation: 1 }, 1), { kind: 'done' });
    assert.equal(attempts.length, 0);
  });
});

test('deliveryIdFor: stable per (event, endpoint), distinct otherwise', () => {
  assert.equal(deliveryIdFor('evt_1', 'we_1'), deliveryIdFor('evt_1', 'we_1'));
  assert.notEqual(deliveryIdFor('evt_1', 'we_1'), deliveryIdFor('evt_1', 'we_2'));
  assert.notEqual(deliveryIdFor('evt_1', 'we_1'), deliveryIdFor('evt_2', 'we_1'));
  assert.match(deliveryIdFor('evt_1', 'we_1'), /^msg_[A-Za-z0-9_-]{27}$/);
});
