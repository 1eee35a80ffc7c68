import { z } from 'zod';
import { pageQuerySchema, paginationMetaSchema } from '../../kit/common-schemas';
import { defineRpc } from '../../kit/rpc-contract';
import { activityViewSchema } from '../activity.schema';

/** Newest first; optionally only what concerned one customer. */
export const ListActivity = defineRpc({
  name: 'customer-service.activity.list.v1',
  service: 'customer-service',
  request: pageQuerySchema.extend({
    organization_id: z.string().min(1).max(63),
    external_customer_id: z.string().max(255).optional(),
  }),
  response: z.object({ activity: z.array(activityViewSchema), meta: paginationMetaSchema }),
});
