import { defineEvent } from '../../kit/event-contract';
import { upstreamSubscriptionSchema } from '../subscription.schema';

/**
 * Upstream: a subscription ended (the whole subscription, as Lago's subscription.terminated
 * sends it). Whatever `status` says, it is stored as terminated and leaves the portal.
 */
export const SubscriptionTerminated = defineEvent(
  'subscription.terminated',
  upstreamSubscriptionSchema,
);
