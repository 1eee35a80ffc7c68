import { z } from 'zod';
import { operatorEmailSchema } from '../../operators/operator.schema';
import { defineRpc } from '../../kit/rpc-contract';
import { consoleSessionViewSchema } from '../console-session.schema';

/**
 * Login. The password is checked inside customer-service, where the hash stays; a wrong email, a
 * wrong password and an operator without a password yet are the same `unauthorized`. Always a new
 * session (no fixation); the token is answered once.
 */
export const OpenConsoleSession = defineRpc({
  name: 'customer-service.console-sessions.open.v1',
  service: 'customer-service',
  request: z.object({
    email: operatorEmailSchema,
    password: z.string().min(1).max(200),
    idle_timeout_seconds: z.number().int().min(60).max(86_400),
    lifetime_seconds: z
      .number()
      .int()
      .min(60)
      .max(30 * 86_400),
  }),
  response: z.object({ token: z.string(), session: consoleSessionViewSchema }),
});
