import { z } from 'zod';
import { customerViewSchema, externalIdSchema } from '../customer.schema';
import { portalDetailsChangesSchema } from '../portal-details.schema';
import { defineRpc } from '../../kit/rpc-contract';
import { portalCustomerDetailsSchema } from '../portal-customer-details.schema';

/**
 * A customer corrected their details in the portal. customer-service checks the fields against
 * the organization's `portal_settings` again (forbidden otherwise), stores the edit with who and
 * when, and tells the operator (`customer.updated_from_portal`). Nothing changed: no event.
 */
export const UpdateCustomerFromPortal = defineRpc({
  name: 'customer-service.customers.update-from-portal.v1',
  service: 'customer-service',
  request: z.object({
    organization_id: z.string().min(1),
    external_customer_id: externalIdSchema,
    changes: portalDetailsChangesSchema,
    /** Who edited: the portal session, for the record. */
    edited_by: z.string().min(1).max(200),
  }),
  response: z.object({
    customer: customerViewSchema,
    changed_fields: z.array(portalCustomerDetailsSchema.keyof()),
    before: portalCustomerDetailsSchema,
    after: portalCustomerDetailsSchema,
  }),
});
