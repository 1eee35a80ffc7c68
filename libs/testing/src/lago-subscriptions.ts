import { randomUUID } from 'node:crypto';
import { lagoCustomer } from './lago-deliveries';

export interface LagoSubscriptionOptions {
  lagoId?: string;
  externalId?: string;
  externalCustomerId?: string;
  status?: string;
  planName?: string;
  planCode?: string;
  amountCents?: number;
  currency?: string;
  interval?: string;
  startedAt?: string;
  terminatedAt?: string | null;
  documentLocale?: string | null;
}

/**
 * A Lago subscription as its webhooks send it (SubscriptionWithCustomerObject, from Lago's
 * webhook documentation): the subscription, its plan and its customer.
 */
export function lagoSubscription(options: LagoSubscriptionOptions = {}) {
  const customer = lagoCustomer(options.externalCustomerId ?? 'cus_lago_42', {
    documentLocale: options.documentLocale === undefined ? 'fr' : options.documentLocale,
  });
  const startedAt = options.startedAt ?? '2026-11-01T00:00:00Z';
  const amountCents = options.amountCents ?? 4_900;
  const currency = options.currency ?? 'EUR';
  const status = options.status ?? 'active';
  return {
    lago_id: options.lagoId ?? randomUUID(),
    external_id: options.externalId ?? 'sub_startup_42',
    lago_customer_id: customer.lago_id,
    external_customer_id: customer.external_id,
    billing_time: 'calendar',
    name: null,
    plan_code: options.planCode ?? 'startup',
    plan_amount_cents: amountCents,
    plan_amount_currency: currency,
    status,
    created_at: startedAt,
    canceled_at: null,
    started_at: startedAt,
    ending_at: null,
    subscription_at: startedAt,
    terminated_at: options.terminatedAt ?? null,
    previous_plan_code: null,
    next_plan_code: null,
    downgrade_plan_date: null,
    trial_ended_at: null,
    current_billing_period_started_at: status === 'active' ? '2026-11-01T00:00:00Z' : null,
    current_billing_period_ending_at: status === 'active' ? '2026-11-30T23:59:59Z' : null,
    on_termination_credit_note: null,
    on_termination_invoice: 'generate',
    consolidate_invoice: false,
    plan: {
      lago_id: randomUUID(),
      name: options.planName ?? 'Startup',
      invoice_display_name: null,
      created_at: '2026-01-01T00:00:00Z',
      code: options.planCode ?? 'startup',
      interval: options.interval ?? 'monthly',
      description: '',
      amount_cents: amountCents,
      amount_currency: currency,
      trial_period: null,
      pay_in_advance: true,
      bill_charges_monthly: null,
    },
    customer,
  };
}

export interface LagoChargeUsageOptions {
  name: string;
  code?: string;
  units: string;
  amountCents: number;
  groupedUsage?: { grouped_by: Record<string, string>; units: string; amount_cents: number }[];
}

/** What Lago's `GET /customers/:id/current_usage` answers (CustomerUsage). */
export function lagoCurrentUsage(
  charges: LagoChargeUsageOptions[],
  { currency = 'EUR', taxRate = 0.2 } = {},
) {
  const amount = charges.reduce((sum, charge) => sum + charge.amountCents, 0);
  const taxes = Math.round(amount * taxRate);
  return {
    customer_usage: {
      from_datetime: '2026-11-01T00:00:00Z',
      to_datetime: '2026-11-30T23:59:59Z',
      issuing_date: '2026-12-01',
      lago_invoice_id: null,
      currency,
      amount_cents: amount,
      taxes_amount_cents: taxes,
      total_amount_cents: amount + taxes,
      charges_usage: charges.map((charge) => ({
        units: charge.units,
        total_aggregated_units: charge.units,
        events_count: 3,
        amount_cents: charge.amountCents,
        amount_currency: currency,
        charge: { lago_id: randomUUID(), charge_model: 'standard', invoice_display_name: null },
        billable_metric: {
          lago_id: randomUUID(),
          name: charge.name,
          code: charge.code ?? charge.name.toLowerCase().replace(/\W+/g, '_'),
          aggregation_type: 'sum_agg',
        },
        filters: [],
        grouped_usage: (charge.groupedUsage ?? []).map((group) => ({
          ...group,
          events_count: 1,
          total_aggregated_units: group.units,
          filters: [],
        })),
      })),
    },
  };
}
