import { z } from 'zod';
import { defineRpc } from '../../kit/rpc-contract';
import { consoleSessionTokenSchema } from '../console-session.schema';

/** Logout (`scope: this`) or "log out everywhere" (`scope: all` of the session's operator). */
export const CloseConsoleSessions = defineRpc({
  name: 'customer-service.console-sessions.close.v1',
  service: 'customer-service',
  request: z.object({ token: consoleSessionTokenSchema, scope: z.enum(['this', 'all']) }),
  response: z.object({ closed: z.number().int() }),
});
