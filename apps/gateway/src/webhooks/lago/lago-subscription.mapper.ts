import {
  CustomerUpdated,
  SubscriptionCreated,
  SubscriptionTerminated,
  SubscriptionUpdated,
  type EventContract,
  type EventEnvelope,
} from '@portico/contracts';
import { z } from 'zod';
import { lagoTimestamp, parseLagoPart, type LagoDomainMapper } from './lago-mapper-kit';
import { toPorticoCustomer } from './lago-customer.mapper';
import { lagoCustomerSchema } from './lago-payload.schema';

const text = z.string().nullish();

/** The parts of Lago's subscription webhooks (SubscriptionWithCustomerObject) the bridge reads. */
const lagoSubscriptionSchema = z.object({
  lago_id: z.string(),
  external_id: z.string(),
  external_customer_id: z.string(),
  name: text,
  plan_code: z.string(),
  plan_amount_cents: z.number().nullish(),
  plan_amount_currency: text,
  status: z.string(),
  created_at: text,
  started_at: text,
  activated_at: text,
  canceled_at: text,
  terminated_at: text,
  trial_ended_at: text,
  current_billing_period_started_at: text,
  current_billing_period_ending_at: text,
  plan: z.object({
    name: z.string(),
    invoice_display_name: text,
    code: z.string(),
    interval: z.string(),
    amount_cents: z.number(),
    amount_currency: z.string(),
  }),
  customer: lagoCustomerSchema.nullish(),
});
type LagoSubscription = z.output<typeof lagoSubscriptionSchema>;

/** Lago's webhook types → the Portico event each becomes (the subscription is sent whole). */
const SUBSCRIPTION_WEBHOOKS: Record<string, EventContract> = {
  'subscription.started': SubscriptionCreated,
  'subscription.updated': SubscriptionUpdated,
  'subscription.trial_ended': SubscriptionUpdated,
  'subscription.canceled': SubscriptionUpdated,
  'subscription.incomplete': SubscriptionUpdated,
  'subscription.terminated': SubscriptionTerminated,
};

export const lagoSubscriptionMapper: LagoDomainMapper = {
  webhookTypes: Object.keys(SUBSCRIPTION_WEBHOOKS),
  map(root, envelopeOf): EventEnvelope[] {
    const contract = SUBSCRIPTION_WEBHOOKS[root.webhook_type as string]!;
    const subscription = parseLagoPart(lagoSubscriptionSchema, root.subscription, 'subscription');
    const events: EventEnvelope[] = [];
    const customer = subscription.customer;
    // The customer rides along, as with invoices: the portal works without customer.* webhooks.
    if (customer && (customer.updated_at ?? customer.created_at)) {
      events.push(envelopeOf(CustomerUpdated, 'customer', toPorticoCustomer(customer)));
    }
    events.push(envelopeOf(contract, 'subscription', toPorticoSubscription(subscription)));
    return events;
  },
};

function toPorticoSubscription(s: LagoSubscription): Record<string, unknown> {
  return {
    lago_id: s.lago_id,
    external_id: s.external_id,
    external_customer_id: s.external_customer_id,
    name: s.name || null,
    plan: {
      code: s.plan.code || s.plan_code,
      name: s.plan.invoice_display_name || s.plan.name,
      // The subscription's own price when it overrides the plan's.
      amount_cents: s.plan_amount_cents ?? s.plan.amount_cents,
      amount_currency: s.plan_amount_currency || s.plan.amount_currency,
      interval: s.plan.interval,
    },
    status: s.status,
    started_at: lagoTimestamp(s.started_at) ?? null,
    terminated_at: lagoTimestamp(s.terminated_at) ?? null,
    current_billing_period_started_at: lagoTimestamp(s.current_billing_period_started_at) ?? null,
    current_billing_period_ending_at: lagoTimestamp(s.current_billing_period_ending_at) ?? null,
    updated_at: versionOf(s),
  };
}

/**
 * Lago's subscription has no `updated_at`: its latest lifecycle moment stands for it, so a
 * replayed delivery maps to the same version and a termination is newer than the start.
 */
function versionOf(s: LagoSubscription): string | undefined {
  const moments = [
    s.created_at,
    s.started_at,
    s.activated_at,
    s.trial_ended_at,
    s.current_billing_period_started_at,
    s.canceled_at,
    s.terminated_at,
  ]
    .map((value) => (value ? new Date(value).getTime() : NaN))
    .filter((time) => Number.isFinite(time));
  return moments.length > 0 ? new Date(Math.max(...moments)).toISOString() : undefined;
}
