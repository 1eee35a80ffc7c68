import { defineEvent } from '../../kit/event-contract';
import { upstreamCustomerSchema } from '../customer-upstream.schema';

/** Upstream: a customer changed in the billing system. Same payload as customer.created. */
export const CustomerUpdated = defineEvent('customer.updated', upstreamCustomerSchema);
