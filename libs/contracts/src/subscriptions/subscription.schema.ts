import { z } from 'zod';
import { currencySchema, isoDateTime, storableText } from '../kit/common-schemas';
import { externalIdSchema } from '../customers/customer.schema';

/** Lago's subscription statuses; the portal shows `active` ones only. */
export const SUBSCRIPTION_STATUSES = [
  'pending',
  'incomplete',
  'active',
  'canceled',
  'terminated',
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** Lago's plan intervals. */
export const PLAN_INTERVALS = ['weekly', 'monthly', 'quarterly', 'semiannual', 'yearly'] as const;
export type PlanInterval = (typeof PLAN_INTERVALS)[number];

const cents = z.number().int().min(-1e15).max(1e15);
const decimalUnits = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number')])
  .transform(String);

export const subscriptionPlanSchema = z.object({
  code: storableText().trim().min(1).max(255),
  name: storableText().trim().min(1).max(255),
  /** The price of one interval (Lago's `plan_amount_cents`, overrides included). */
  amount_cents: cents,
  amount_currency: currencySchema,
  interval: z.enum(PLAN_INTERVALS),
});

/**
 * A subscription as an upstream billing system sends it in subscription.created / .updated /
 * .terminated: Lago's field names. A plan change in Lago ends one subscription and starts another
 * under the same `external_id`, so each is named by the billing system's own id, `lago_id`.
 */
export const upstreamSubscriptionSchema = z.object({
  lago_id: storableText().trim().min(1).max(255),
  external_id: externalIdSchema,
  external_customer_id: externalIdSchema,
  /** The subscription's display name, when it has one; the plan's name otherwise. */
  name: storableText().max(255).nullable().optional(),
  plan: subscriptionPlanSchema,
  status: z.enum(SUBSCRIPTION_STATUSES),
  started_at: isoDateTime.nullable().optional(),
  terminated_at: isoDateTime.nullable().optional(),
  current_billing_period_started_at: isoDateTime.nullable().optional(),
  current_billing_period_ending_at: isoDateTime.nullable().optional(),
  /** When the next invoice for this subscription is issued (the portal's renewal date). */
  next_billing_date: z.iso.date().nullable().optional(),
  /** Decides which write wins: anything older than what is stored changes nothing. */
  updated_at: isoDateTime,
});
export type UpstreamSubscription = z.output<typeof upstreamSubscriptionSchema>;

/** One group of a charge's usage (Lago's `grouped_usage`): the event properties it groups by. */
export const groupedUsageSchema = z.object({
  grouped_by: z.record(z.string().max(255), z.string().max(1_000)),
  units: decimalUnits,
  amount_cents: cents,
});

export const chargeUsageSchema = z.object({
  billable_metric: z.object({
    code: storableText().trim().min(1).max(255),
    name: storableText().trim().min(1).max(255),
  }),
  units: decimalUnits,
  amount_cents: cents,
  grouped_usage: z.array(groupedUsageSchema).max(200).optional(),
});
export type ChargeUsage = z.output<typeof chargeUsageSchema>;

/**
 * A usage snapshot: one subscription's usage in one billing period, as Lago's current_usage
 * answers it, with the time it was computed. A newer snapshot of the same period replaces an
 * older one; each period keeps its latest.
 */
export const usageSnapshotSchema = z.object({
  external_customer_id: externalIdSchema,
  external_subscription_id: externalIdSchema,
  from_datetime: isoDateTime,
  to_datetime: isoDateTime,
  currency: currencySchema,
  /** Tax excluded, as Lago's `amount_cents`. */
  amount_cents: cents,
  taxes_amount_cents: cents.default(0),
  total_amount_cents: cents,
  charges_usage: z.array(chargeUsageSchema).max(500),
  computed_at: isoDateTime,
});
export type UsageSnapshot = z.output<typeof usageSnapshotSchema>;

/** A subscription as queries return it. */
export const subscriptionSummarySchema = z.object({
  lago_id: z.string(),
  external_id: z.string(),
  external_customer_id: z.string(),
  name: z.string().nullable(),
  plan: subscriptionPlanSchema,
  status: z.enum(SUBSCRIPTION_STATUSES),
  started_at: z.string().nullable(),
  current_billing_period_started_at: z.string().nullable(),
  current_billing_period_ending_at: z.string().nullable(),
  next_billing_date: z.string().nullable(),
  updated_at: isoDateTime,
});
export type SubscriptionSummary = z.output<typeof subscriptionSummarySchema>;
