import { isoDateTime } from '../../kit/common-schemas';
import { z } from 'zod';
import { externalIdSchema } from '../../customers/customer.schema';
import { defineRpc } from '../../kit/rpc-contract';

/** What a portal token is minted from: the customer's id and current session generation. */
export const OpenPortalSession = defineRpc({
  name: 'customer-service.portal-sessions.open.v1',
  service: 'customer-service',
  request: z.object({ organization_id: z.string().min(1), external_customer_id: externalIdSchema }),
  response: z.object({
    customer_id: z.string(),
    external_customer_id: z.string(),
    generation: z.number().int(),
    /** The customer record's version (its updated_at), for callers that cache this answer. */
    version: isoDateTime,
  }),
});
