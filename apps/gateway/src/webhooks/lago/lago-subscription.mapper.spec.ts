import {
  SubscriptionCreated,
  SubscriptionTerminated,
  upstreamSubscriptionSchema,
} from '@portico/contracts';
import { lagoSubscription, lagoWebhook } from '@portico/testing';
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { mapLagoWebhook } from './lago-payload.mapper';

const map = (body: unknown) => mapLagoWebhook(body, 'org_hooli', 'key-1');

describe('Lago subscription webhooks → Portico events', () => {
  test('subscription.started becomes its customer and subscription.created, replays alike', () => {
    const subscription = lagoSubscription({ lagoId: 'sub-1', amountCents: 1_999 });
    const body = lagoWebhook('subscription.started', 'subscription', subscription);
    const mapping = map(body);
    assert.equal(mapping.status, 'mapped');
    if (mapping.status !== 'mapped') return;
    const [customer, created] = mapping.events;
    assert.equal(customer!.type, 'customer.updated');
    assert.equal(created!.type, SubscriptionCreated.type);
    assert.equal(created!.id, 'lago_key-1_subscription');
    const data = upstreamSubscriptionSchema.parse(created!.data);
    assert.equal(data.lago_id, 'sub-1');
    assert.equal(data.external_customer_id, 'cus_lago_42');
    assert.deepEqual(data.plan, {
      code: 'startup',
      name: 'Startup',
      amount_cents: 1_999,
      amount_currency: 'EUR',
      interval: 'monthly',
    });
    assert.equal(data.status, 'active');
    assert.equal(data.updated_at, '2026-11-01T00:00:00.000Z');
    assert.deepEqual(map(body), mapping, 'replays map alike');
  });

  test('subscription.terminated is newer than the start it ends', () => {
    const mapping = map(
      lagoWebhook(
        'subscription.terminated',
        'subscription',
        lagoSubscription({ status: 'terminated', terminatedAt: '2026-11-20T10:00:00Z' }),
      ),
    );
    assert.equal(mapping.status, 'mapped');
    if (mapping.status !== 'mapped') return;
    const terminated = mapping.events.at(-1)!;
    assert.equal(terminated.type, SubscriptionTerminated.type);
    assert.equal(terminated.data.updated_at, '2026-11-20T10:00:00.000Z');
  });

  test('a subscription without its plan is a 422 naming the path', () => {
    const { plan: _plan, ...planless } = lagoSubscription();
    assert.throws(
      () => map(lagoWebhook('subscription.updated', 'subscription', planless)),
      (error: { details?: { field: string }[] }) =>
        (error.details ?? []).some((detail) => detail.field === 'subscription.plan'),
    );
  });

  test('Lago webhooks Portico does not use are ignored', () => {
    assert.deepEqual(map(lagoWebhook('subscription.termination_alert', 'subscription', {})), {
      status: 'ignored',
      webhookType: 'subscription.termination_alert',
    });
  });
});
