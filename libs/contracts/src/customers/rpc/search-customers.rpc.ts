import { z } from 'zod';
import { pageQuerySchema, paginationMetaSchema } from '../../kit/common-schemas';
import { customerViewSchema } from '../customer.schema';
import { defineRpc } from '../../kit/rpc-contract';

/**
 * The console's customer list: a page of live customers, optionally those whose name, external id
 * or email contains `query` (case-insensitive, taken literally: never a pattern).
 */
export const SearchCustomers = defineRpc({
  name: 'customer-service.customers.search.v1',
  service: 'customer-service',
  request: pageQuerySchema.extend({
    organization_id: z.string().min(1),
    query: z.string().trim().max(100).optional(),
  }),
  response: z.object({ customers: z.array(customerViewSchema), meta: paginationMetaSchema }),
});
