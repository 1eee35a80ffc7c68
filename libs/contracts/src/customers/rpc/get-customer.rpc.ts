import { z } from 'zod';
import { customerViewSchema, externalIdSchema } from '../customer.schema';
import { defineRpc } from '../../kit/rpc-contract';

// The gateway takes the organization from the authenticated API key, never from the caller's
// input, so one organization can never address another's customers.
const scoped = { organization_id: z.string().min(1) };

export const GetCustomer = defineRpc({
  name: 'customer-service.customers.get.v1',
  service: 'customer-service',
  request: z.object({ ...scoped, external_id: externalIdSchema }),
  response: z.object({ customer: customerViewSchema }),
});
