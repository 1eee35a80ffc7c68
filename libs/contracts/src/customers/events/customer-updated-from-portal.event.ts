import { z } from 'zod';
import { isoDateTime } from '../../kit/common-schemas';
import { defineEvent } from '../../kit/event-contract';
import { portalCustomerDetailsSchema } from '../portal-customer-details.schema';

/**
 * Outbound, for the operator (delivered as a Standard Webhook): a customer corrected their
 * billing details in the portal. `before` → `after` lets the operator apply the change to its
 * billing system, or review it; `changed_fields` names what differs.
 */
export const CustomerUpdatedFromPortal = defineEvent(
  'customer.updated_from_portal',
  z.object({
    external_customer_id: z.string().min(1).max(200),
    changed_fields: z.array(portalCustomerDetailsSchema.keyof()).min(1),
    before: portalCustomerDetailsSchema,
    after: portalCustomerDetailsSchema,
    updated_at: isoDateTime,
  }),
);
