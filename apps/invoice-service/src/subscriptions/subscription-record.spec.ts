import type { UpstreamSubscription } from '@portico/contracts';
import { upstreamSubscription } from '@portico/testing';
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import {
  replaces,
  snapshotRecordOf,
  subscriptionRecordOf,
  usageSnapshotId,
} from './subscription-record';

const subscription = (overrides: Partial<UpstreamSubscription> = {}): UpstreamSubscription =>
  upstreamSubscription({
    lago_id: 'lago-sub-1',
    external_id: 'sub_1',
    external_customer_id: 'cus_1',
    terminated_at: null,
    ...overrides,
  });
const record = (overrides: Partial<UpstreamSubscription> = {}, terminated = false) =>
  subscriptionRecordOf('org_1', subscription(overrides), terminated);

describe('subscription records', () => {
  test('active ones are shown; the renewal date is the day after the period when none is given', () => {
    const active = record();
    assert.equal(active.visible, true);
    assert.equal(active.next_billing_date, '2026-12-01');
    assert.equal(record({ next_billing_date: '2026-12-05' }).next_billing_date, '2026-12-05');
    assert.equal(record({ status: 'pending' }).visible, false);
  });

  test('terminated says so whatever the status, and hides it', () => {
    const ended = record({ status: 'active', updated_at: '2026-11-20T00:00:00Z' }, true);
    assert.equal(ended.status, 'terminated');
    assert.equal(ended.visible, false);
  });

  test('newer wins, older and replays change nothing', () => {
    const first = record();
    assert.equal(replaces(null, first), true);
    assert.equal(replaces(first, record()), false, 'a replay');
    const later = record({ updated_at: '2026-11-02T00:00:00Z', name: 'Renamed' });
    assert.equal(replaces(first, later), true);
    assert.equal(replaces(later, first), false, 'an older event');
  });

  test('an equally new event with other content applies, unless it moves the status back', () => {
    const first = record();
    assert.equal(replaces(first, record({ name: 'Team plan' })), true);
    const ended = record({}, true);
    assert.equal(replaces(first, ended), true);
    assert.equal(replaces(ended, record({ name: 'late update' })), false);
  });

  test('ids are scoped by organization; a period is one snapshot whatever the offset spelling', () => {
    assert.notEqual(
      subscriptionRecordOf('org_1', subscription(), false)._id,
      subscriptionRecordOf('org_2', subscription(), false)._id,
    );
    const key = { external_customer_id: 'cus_1', external_subscription_id: 'sub_1' };
    assert.equal(
      usageSnapshotId('org_1', { ...key, from_datetime: '2026-11-01T00:00:00Z' }),
      usageSnapshotId('org_1', { ...key, from_datetime: '2026-11-01T01:00:00+01:00' }),
    );
    const snapshot = snapshotRecordOf('org_1', {
      ...key,
      from_datetime: '2026-11-01T01:00:00+01:00',
      to_datetime: '2026-11-30T23:59:59Z',
      currency: 'EUR',
      amount_cents: 10,
      taxes_amount_cents: 0,
      total_amount_cents: 10,
      charges_usage: [],
      computed_at: '2026-11-02T00:00:00Z',
    });
    assert.equal(snapshot.from_datetime, '2026-11-01T00:00:00.000Z');
    assert.ok(snapshot.computed_at instanceof Date);
  });
});
