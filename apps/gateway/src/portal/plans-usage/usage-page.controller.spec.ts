import { afterAll, beforeAll, describe, test } from '@jest/globals';
import {
  DomainError,
  ErrorCode,
  GetLagoApiAccess,
  ListInvoices,
  ListSubscriptions,
  ListUsageSnapshots,
  VerifyPortalSession,
  type RpcResponse,
  type SubscriptionSummary,
  type UsageSnapshot,
} from '@portico/contracts';
import { subscriptionSummary } from '@portico/testing';
import assert from 'node:assert/strict';
import { startInProcessGateway, type InProcessGateway } from '../../../test/in-process-gateway';
import { ReplicaCaches } from '@portico/messaging';
import { PortalTokens } from '../../portal-sessions/portal-tokens';
import { subscriptionsTag } from './customer-subscriptions';

// The Plans section and the usage page in process: the real guard, views and cache; the services
// faked, and an organization without a Lago API key (usage from the stored snapshots only).
const session = (locale: string): RpcResponse<typeof VerifyPortalSession> => ({
  organization: {
    id: 'org_plans',
    name: 'Acme',
    display_name: null,
    default_document_locale: 'en',
    embed_origins: ['https://app.example.com'],
    brand_color: null,
    logo_url: null,
  },
  customer: {
    id: 'cus_1',
    external_id: 'jane',
    name: 'Jane',
    email: null,
    currency: 'EUR',
    document_locale: locale,
  },
  locale,
});
const subscription: SubscriptionSummary = subscriptionSummary({
  lago_id: 'lago-1',
  external_id: 'sub_1',
  external_customer_id: 'jane',
  started_at: '2026-06-01T00:00:00Z',
});
/** A month's period, `offset` months from the current one (0: the period now running). */
const period = (offset: number) => {
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset + 1, 1) - 1_000);
  return { from: from.toISOString(), to: to.toISOString() };
};
const snapshot = (offset: number, amount: number, computedAt: string): UsageSnapshot => ({
  external_customer_id: 'jane',
  external_subscription_id: 'sub_1',
  from_datetime: period(offset).from,
  to_datetime: period(offset).to,
  currency: 'EUR',
  amount_cents: amount,
  taxes_amount_cents: 0,
  total_amount_cents: amount,
  charges_usage: [
    { billable_metric: { code: 'calls', name: 'Calls' }, units: '1500', amount_cents: amount },
  ],
  computed_at: computedAt,
});

describe('plans and usage pages (in process)', () => {
  let gateway: InProcessGateway;
  let generation = 0;
  const mint = () =>
    gateway.app.get(PortalTokens).issue({
      organizationId: 'org_plans',
      customerId: 'jane',
      generation: ++generation,
      expiresInSeconds: 3_600,
    }).token;
  const open = (path: string) => gateway.app.inject({ method: 'GET', url: path });

  beforeAll(async () => {
    gateway = await startInProcessGateway();
    gateway.rpc.answer(VerifyPortalSession, () => session('en'));
    gateway.rpc.answer(ListInvoices, () => ({
      invoices: [],
      next_cursor: null,
      previous_cursor: null,
      total_count: 0,
      offset: 0,
      totals: [],
    }));
    gateway.rpc.answer(GetLagoApiAccess, () => ({ access: null }));
    gateway.rpc.answer(ListSubscriptions, () => ({ subscriptions: [subscription] }));
    gateway.rpc.answer(ListUsageSnapshots, ({ periods }) => ({
      snapshots: [
        snapshot(0, 2_500, '2026-11-12T09:30:00.000Z'),
        snapshot(-1, 5_000, '2026-10-28T23:59:59.000Z'),
      ].slice(0, periods),
    }));
  });
  afterAll(async () => gateway.close());

  test('the first page: the plan, its price per interval, renewal and usage so far', async () => {
    const response = await open(`/customer-portal/${mint()}`);
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /data-testid="plans"/);
    assert.match(response.body, /data-testid="plan-price">€49\.00 per month</);
    assert.match(response.body, /data-testid="plan-renewal">Dec 1, 2026</);
    assert.match(response.body, /data-testid="plan-usage">€25\.00</);
    assert.ok(
      response.body.includes(`href="/customer-portal/`) &&
        response.body.includes('/subscriptions/sub_1/usage"'),
    );
    assert.equal(gateway.rpc.callsTo(GetLagoApiAccess).length, 1, 'no key: Lago is never asked');
  });

  test('the subscriptions are cached until the invoice-service announces a change', async () => {
    const asked = gateway.rpc.callsTo(ListSubscriptions).length;
    await open(`/customer-portal/${mint()}`);
    assert.equal(gateway.rpc.callsTo(ListSubscriptions).length, asked, 'served from the cache');
    gateway.app.get(ReplicaCaches).invalidate(subscriptionsTag('org_plans', 'jane'));
    await open(`/customer-portal/${mint()}`);
    assert.equal(gateway.rpc.callsTo(ListSubscriptions).length, asked + 1);
  });

  test('the usage page without an API key: the stored snapshot with its time, and the chart', async () => {
    const response = await open(`/customer-portal/${mint()}/subscriptions/sub_1/usage`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-security-policy']), /default-src 'none'/);
    assert.match(response.body, /data-usage-state="stored"/);
    assert.ok(!response.body.includes('data-testid="usage-stale"'), 'not a Lago failure');
    assert.match(response.body, /data-testid="usage-amount">€25\.00</);
    assert.match(response.body, /Computed Nov 12, 2026, 9:30\s?AM \(UTC\)/);
    assert.equal(response.body.match(/data-testid="chart-bar"/g)?.length, 2);
    assert.match(response.body, /<desc id="chart-desc">[^<]*: €50\.00; [^<]*: €25\.00<\/desc>/);
  });

  test('a stored period already over is not shown as usage so far', async () => {
    gateway.rpc.answer(ListUsageSnapshots, () => ({
      snapshots: [snapshot(-1, 5_000, '2026-10-28T23:59:59.000Z')],
    }));
    // Another customer key: the cached answer of the first test does not apply.
    gateway.rpc.answer(VerifyPortalSession, () => ({
      ...session('en'),
      customer: { ...session('en').customer, external_id: 'jane-2' },
    }));
    const response = await open(`/customer-portal/${mint()}`);
    gateway.rpc.answer(VerifyPortalSession, () => session('en'));
    assert.match(response.body, /data-subscription-id="sub_1"/);
    assert.ok(!response.body.includes('data-testid="plan-usage"'));
  });

  test("a subscription that is not the customer's is a 404 page", async () => {
    const response = await open(`/customer-portal/${mint()}/subscriptions/sub_other/usage`);
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /data-state="not-found"/);
  });

  test('the invoice-service away: the section says so, the invoices still show', async () => {
    // Customers whose subscriptions this gateway has not cached yet.
    const as = (externalId: string) =>
      gateway.rpc.answer(VerifyPortalSession, () => ({
        ...session('en'),
        customer: { ...session('en').customer, external_id: externalId },
      }));
    as('jane-away');
    gateway.rpc.answer(ListSubscriptions, () => {
      throw new DomainError(ErrorCode.ServiceUnavailable, 'away');
    });
    const response = await open(`/customer-portal/${mint()}`);
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /data-section="plans"/);
    as('jane-none');
    gateway.rpc.answer(ListSubscriptions, () => ({ subscriptions: [] }));
    const none = await open(`/customer-portal/${mint()}`);
    gateway.rpc.answer(VerifyPortalSession, () => session('en'));
    assert.ok(!none.body.includes('data-testid="plans"'), 'nothing to show: no section');
    assert.ok(!none.body.includes('data-section="plans"'));
  });
});
