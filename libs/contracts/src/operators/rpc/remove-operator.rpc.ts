import { z } from 'zod';
import { operatorViewSchema } from '../operator.schema';
import { defineRpc } from '../../kit/rpc-contract';

/** Also closes the operator's console sessions; refused (`conflict`) for the last admin. */
export const RemoveOperator = defineRpc({
  name: 'customer-service.operators.remove.v1',
  service: 'customer-service',
  request: z.object({
    organization_id: z.string().min(1).max(63),
    operator_id: z.string().min(1).max(100),
  }),
  response: z.object({ operator: operatorViewSchema }),
});
