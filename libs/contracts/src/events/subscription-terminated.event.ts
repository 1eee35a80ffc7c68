import { defineEvent } from '../event-contract';
import { upstreamSubscriptionSchema } from '../subscriptions/subscription.schema';

/**
 * Upstream: a subscription ended (the whole subscription, as Lago's subscription.terminated
 * sends it). Whatever `status` says, it is stored as terminated and leaves the portal.
 */
export const SubscriptionTerminated = defineEvent(
  'subscription.terminated',
  upstreamSubscriptionSchema,
);
