import { z } from 'zod';
import { defineRpc } from '../../kit/rpc-contract';
import { activityInputSchema, activityViewSchema } from '../activity.schema';

export const RecordActivity = defineRpc({
  name: 'customer-service.activity.record.v1',
  service: 'customer-service',
  request: activityInputSchema,
  response: z.object({ activity: activityViewSchema }),
});
