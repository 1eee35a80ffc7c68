import { defineEvent } from '../../kit/event-contract';
import { upstreamCustomerSchema } from '../customer-upstream.schema';

/** Upstream: a customer was created in the billing system. */
export const CustomerCreated = defineEvent('customer.created', upstreamCustomerSchema);
