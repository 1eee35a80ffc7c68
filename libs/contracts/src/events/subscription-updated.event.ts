import { defineEvent } from '../event-contract';
import { upstreamSubscriptionSchema } from '../subscriptions/subscription.schema';

/** Upstream: a subscription changed (name, price, billing period, status). */
export const SubscriptionUpdated = defineEvent('subscription.updated', upstreamSubscriptionSchema);
