import type { DemoCustomer } from './demo-data';

export interface DemoEvent {
  id: string;
  type: string;
  occurred_at: string;
  data: Record<string, unknown>;
}

/** The customers with a plan in the demo: one left-to-right, one right-to-left. */
export const DEMO_SUBSCRIBERS = ['northwind', 'dar-al-nour'];

const PERIODS = [
  { from: '2026-08-01', to: '2026-08-31', amount: 18_400 },
  { from: '2026-09-01', to: '2026-09-30', amount: 22_150 },
  { from: '2026-10-01', to: '2026-10-31', amount: 26_900 },
  { from: '2026-11-01', to: '2026-11-30', amount: 9_870 },
];

/**
 * A "Growth" plan and four periods of usage snapshots (the current one half-way), so that the
 * demo's Plans section and usage page have something to show without a Lago API key. Fixed ids
 * and dates: seeding twice changes nothing.
 */
export function subscriptionHistory(customer: DemoCustomer): DemoEvent[] {
  if (!DEMO_SUBSCRIBERS.includes(customer.external_id)) return [];
  const subscriptionId = `${customer.external_id}-growth`;
  const started = '2026-08-01T00:00:00Z';
  const subscription: DemoEvent = {
    id: `evt_demo_sub_${customer.external_id}`,
    type: 'subscription.created',
    occurred_at: started,
    data: {
      lago_id: `demo-sub-${customer.external_id}`,
      external_id: subscriptionId,
      external_customer_id: customer.external_id,
      name: null,
      plan: {
        code: 'growth',
        name: 'Growth',
        amount_cents: 9_900,
        amount_currency: customer.currency,
        interval: 'monthly',
      },
      status: 'active',
      started_at: started,
      current_billing_period_started_at: '2026-11-01T00:00:00Z',
      current_billing_period_ending_at: '2026-11-30T23:59:59Z',
      updated_at: '2026-11-01T00:00:00Z',
    },
  };
  const snapshots = PERIODS.map((period, index): DemoEvent => ({
    id: `evt_demo_usage_${customer.external_id}_${index}`,
    type: 'customer.usage_updated',
    occurred_at: `${period.to}T23:59:59Z`,
    data: {
      external_customer_id: customer.external_id,
      external_subscription_id: subscriptionId,
      from_datetime: `${period.from}T00:00:00Z`,
      to_datetime: `${period.to}T23:59:59Z`,
      currency: customer.currency,
      amount_cents: period.amount,
      taxes_amount_cents: Math.round(period.amount * customer.taxRate),
      total_amount_cents: period.amount + Math.round(period.amount * customer.taxRate),
      charges_usage: [
        {
          billable_metric: { code: 'api_calls', name: 'API calls' },
          units: String(period.amount * 10),
          amount_cents: Math.round(period.amount * 0.6),
        },
        {
          billable_metric: { code: 'storage_gb', name: 'Storage (GB)' },
          units: String(Math.round(period.amount / 50)),
          amount_cents: Math.round(period.amount * 0.3),
          grouped_usage: [
            {
              grouped_by: { region: 'eu-west' },
              units: String(Math.round(period.amount / 100)),
              amount_cents: Math.round(period.amount * 0.15),
            },
            {
              grouped_by: { region: 'us-east' },
              units: String(Math.round(period.amount / 50) - Math.round(period.amount / 100)),
              amount_cents: Math.round(period.amount * 0.3) - Math.round(period.amount * 0.15),
            },
          ],
        },
        {
          billable_metric: { code: 'seats', name: 'Seats' },
          units: '4',
          amount_cents:
            period.amount - Math.round(period.amount * 0.6) - Math.round(period.amount * 0.3),
        },
      ],
      computed_at: index === PERIODS.length - 1 ? '2026-11-12T09:30:00Z' : `${period.to}T23:59:59Z`,
    },
  }));
  return [subscription, ...snapshots];
}
