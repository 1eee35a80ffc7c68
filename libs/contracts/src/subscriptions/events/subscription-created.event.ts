import { defineEvent } from '../../kit/event-contract';
import { upstreamSubscriptionSchema } from '../subscription.schema';

/** Upstream: a customer subscribed to a plan (Lago's subscription.started and .created). */
export const SubscriptionCreated = defineEvent('subscription.created', upstreamSubscriptionSchema);
