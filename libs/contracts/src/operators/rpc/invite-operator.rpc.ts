import { z } from 'zod';
import {
  operatorEmailSchema,
  operatorRoleSchema,
  operatorViewSchema,
  setupLinkSchema,
} from '../operator.schema';
import { defineRpc } from '../../kit/rpc-contract';

/**
 * Adds an operator (or re-issues the link of one who has not set a password yet) and answers a
 * one-time set-password token valid 24 h. Only its hash is stored; the caller shows the link.
 */
export const InviteOperator = defineRpc({
  name: 'customer-service.operators.invite.v1',
  service: 'customer-service',
  request: z.object({
    organization_id: z.string().min(1).max(63),
    email: operatorEmailSchema,
    role: operatorRoleSchema,
  }),
  response: z.object({ operator: operatorViewSchema, setup: setupLinkSchema }),
});
