import { z } from 'zod';
import { paginationMetaSchema } from '../../kit/common-schemas';
import { customerListQuerySchema, customerViewSchema } from '../customer.schema';
import { defineRpc } from '../../kit/rpc-contract';

// The gateway takes the organization from the authenticated API key, never from the caller's
// input, so one organization can never address another's customers.
const scoped = { organization_id: z.string().min(1) };

export const ListCustomers = defineRpc({
  name: 'customer-service.customers.list.v1',
  service: 'customer-service',
  request: customerListQuerySchema.extend(scoped),
  response: z.object({ customers: z.array(customerViewSchema), meta: paginationMetaSchema }),
});
