import {
  billingEvent,
  PorticoStack,
  subscriptionCreated,
  usageSnapshot,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

interface StoredSubscription {
  lago_id: string;
  name: string | null;
  status: string;
  visible: boolean;
  rev: number;
  plan: { name: string };
}
interface StoredSnapshot {
  from_datetime: string;
  amount_cents: number;
  computed_at: Date;
}

describe('subscriptions and usage snapshots: ingestion from billing.events', () => {
  let stack: PorticoStack;
  let acme: { id: string };

  beforeAll(async () => {
    stack = await PorticoStack.start({ AMQP_RETRY_DELAY_MS: '200' });
    acme = await stack.createOrganization({ name: 'Acme' });
  });
  afterAll(async () => stack?.stop());

  const subscription = subscriptionCreated;
  const publish = (type: string, data: unknown) =>
    stack.publish(type, billingEvent(type, acme.id, data));
  const stored = (lagoId: string, until: (s: StoredSubscription) => boolean = () => true) =>
    waitFor(`subscription ${lagoId} stored`, () =>
      stack.withInvoicesDb(async (db) => {
        const found = await db
          .collection<StoredSubscription>('subscriptions')
          .findOne({ organization_id: acme.id, lago_id: lagoId });
        return found && until(found) ? found : undefined;
      }),
    );

  test('created → shown; an older update changes nothing; terminated → hidden; replays are no-ops', async () => {
    const sub = subscription();
    await publish('subscription.created', sub);
    const first = await stored(sub.lago_id);
    assert.equal(first.visible, true);
    assert.equal(first.status, 'active');

    await publish('subscription.updated', {
      ...sub,
      name: 'older rename',
      updated_at: '2026-10-31T00:00:00Z',
    });
    await publish('subscription.updated', {
      ...sub,
      name: 'Team',
      updated_at: '2026-11-02T00:00:00Z',
    });
    const renamed = await stored(sub.lago_id, (s) => s.name === 'Team');
    await publish('subscription.terminated', {
      ...sub,
      terminated_at: '2026-11-20T00:00:00Z',
      updated_at: '2026-11-20T00:00:00Z',
    });
    const ended = await stored(sub.lago_id, (s) => s.status === 'terminated');
    assert.equal(ended.visible, false);
    assert.equal(ended.rev, renamed.rev + 1, 'the older rename never landed');
    // A replay of the start, after the end: nothing moves.
    await publish('subscription.created', sub);
    const sentinel = subscription();
    await publish('subscription.created', sentinel);
    await stored(sentinel.lago_id);
    const after = await stored(sub.lago_id);
    assert.equal(after.rev, ended.rev);
    assert.equal(after.status, 'terminated');
  });

  test('a poison subscription is dead-lettered with the field and the reason', async () => {
    const { plan: _plan, ...planless } = subscription();
    await publish('subscription.created', planless);
    const good = subscription();
    await publish('subscription.created', good);
    await stored(good.lago_id);
    const reason = await stack.deadLetterReason();
    assert.match(reason, /^invalid_payload: /);
    assert.match(reason, /data\.plan: /);
  });

  test('usage snapshots: each period keeps its latest computation', async () => {
    const snapshot = (period: string, amount: number, computedAt: string) =>
      usageSnapshot({
        external_subscription_id: 'sub_usage',
        from_datetime: `${period}-01T00:00:00Z`,
        to_datetime: `${period}-28T23:59:59Z`,
        amount_cents: amount,
        total_amount_cents: amount,
        charges_usage: [
          {
            billable_metric: { code: 'calls', name: 'Calls' },
            units: '12.5',
            amount_cents: amount,
          },
        ],
        computed_at: computedAt,
      });
    await publish('customer.usage_updated', snapshot('2026-10', 500, '2026-10-20T00:00:00Z'));
    await publish('customer.usage_updated', snapshot('2026-11', 900, '2026-11-12T00:00:00Z'));
    await publish('customer.usage_updated', snapshot('2026-11', 400, '2026-11-05T00:00:00Z'));
    await publish('customer.usage_updated', snapshot('2026-09', 300, '2026-09-30T00:00:00Z'));
    const periods = await waitFor('three periods', () =>
      stack.withInvoicesDb(async (db) => {
        const found = await db
          .collection<StoredSnapshot>('usage_snapshots')
          .find({ organization_id: acme.id, external_subscription_id: 'sub_usage' })
          .sort({ from_datetime: -1 })
          .toArray();
        return found.length === 3 ? found : undefined;
      }),
    );
    assert.deepEqual(
      periods.map((p) => [p.from_datetime, p.amount_cents]),
      [
        ['2026-11-01T00:00:00.000Z', 900],
        ['2026-10-01T00:00:00.000Z', 500],
        ['2026-09-01T00:00:00.000Z', 300],
      ],
    );
  });
});
