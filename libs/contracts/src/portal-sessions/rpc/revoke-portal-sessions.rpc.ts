import { z } from 'zod';
import { isoDateTime } from '../../kit/common-schemas';
import { externalIdSchema } from '../../customers/customer.schema';
import { defineRpc } from '../../kit/rpc-contract';

/** Invalidates every portal token issued so far for the customer. */
export const RevokePortalSessions = defineRpc({
  name: 'customer-service.portal-sessions.revoke.v1',
  service: 'customer-service',
  request: z.object({ organization_id: z.string().min(1), external_customer_id: externalIdSchema }),
  response: z.object({ revoked_at: isoDateTime, generation: z.number().int() }),
});
