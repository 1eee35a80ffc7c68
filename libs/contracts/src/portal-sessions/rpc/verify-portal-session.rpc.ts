import { z } from 'zod';
import { defineRpc } from '../../kit/rpc-contract';
import { portalOrganizationSchema, portalCustomerSchema } from '../portal-session.schema';

/**
 * Asked on every portal request after the token's signature and expiry checked out: is the
 * session still valid (not revoked, organization and customer still there)? Answers with what
 * the portal shows, in the resolved locale.
 */
export const VerifyPortalSession = defineRpc({
  name: 'customer-service.portal-sessions.verify.v1',
  service: 'customer-service',
  request: z.object({
    organization_id: z.string().min(1),
    customer_id: z.string().min(1),
    generation: z.number().int(),
  }),
  response: z.object({
    organization: portalOrganizationSchema,
    customer: portalCustomerSchema,
    locale: z.string(),
  }),
});
