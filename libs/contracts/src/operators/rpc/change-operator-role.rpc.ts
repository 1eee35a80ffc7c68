import { z } from 'zod';
import { operatorRoleSchema, operatorViewSchema } from '../operator.schema';
import { defineRpc } from '../../kit/rpc-contract';

/** Refused with `conflict` when it would leave the organization without an admin. */
export const ChangeOperatorRole = defineRpc({
  name: 'customer-service.operators.change-role.v1',
  service: 'customer-service',
  request: z.object({
    organization_id: z.string().min(1).max(63),
    operator_id: z.string().min(1).max(100),
    role: operatorRoleSchema,
  }),
  response: z.object({ operator: operatorViewSchema, previous_role: operatorRoleSchema }),
});
