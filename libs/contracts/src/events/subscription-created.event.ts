import { defineEvent } from '../event-contract';
import { upstreamSubscriptionSchema } from '../subscriptions/subscription.schema';

/** Upstream: a customer subscribed to a plan (Lago's subscription.started and .created). */
export const SubscriptionCreated = defineEvent('subscription.created', upstreamSubscriptionSchema);
