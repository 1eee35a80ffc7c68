import { z } from 'zod';
import { operatorPasswordSchema, operatorViewSchema } from '../operator.schema';
import { defineRpc } from '../../kit/rpc-contract';

/** Spends a set-password token: works once, within 24 h; the password is hashed where stored. */
export const CompleteOperatorSetup = defineRpc({
  name: 'customer-service.operators.complete-setup.v1',
  service: 'customer-service',
  request: z.object({ token: z.string().min(20).max(200), password: operatorPasswordSchema }),
  response: z.object({ operator: operatorViewSchema }),
});
