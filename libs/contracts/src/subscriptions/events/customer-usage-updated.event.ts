import { defineEvent } from '../../kit/event-contract';
import { usageSnapshotSchema } from '../subscription.schema';

/**
 * A usage snapshot of one subscription in one billing period. Lago sends no usage webhook: the
 * gateway publishes one each time it reads a customer's current usage from Lago's API; other
 * upstreams may publish their own.
 */
export const CustomerUsageUpdated = defineEvent('customer.usage_updated', usageSnapshotSchema);
