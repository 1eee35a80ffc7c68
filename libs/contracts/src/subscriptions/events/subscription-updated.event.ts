import { defineEvent } from '../../kit/event-contract';
import { upstreamSubscriptionSchema } from '../subscription.schema';

/** Upstream: a subscription changed (name, price, billing period, status). */
export const SubscriptionUpdated = defineEvent('subscription.updated', upstreamSubscriptionSchema);
