import { z } from 'zod';
import { operatorViewSchema } from '../operator.schema';
import { defineRpc } from '../../kit/rpc-contract';

export const ListOperators = defineRpc({
  name: 'customer-service.operators.list.v1',
  service: 'customer-service',
  request: z.object({ organization_id: z.string().min(1).max(63) }),
  response: z.object({ operators: z.array(operatorViewSchema) }),
});
