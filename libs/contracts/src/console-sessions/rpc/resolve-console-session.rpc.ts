import { z } from 'zod';
import { defineRpc } from '../../kit/rpc-contract';
import { consoleSessionTokenSchema, consoleSessionViewSchema } from '../console-session.schema';

/** A live session (not closed, not idle too long, within its lifetime) and its operator. */
export const ResolveConsoleSession = defineRpc({
  name: 'customer-service.console-sessions.resolve.v1',
  service: 'customer-service',
  request: z.object({ token: consoleSessionTokenSchema }),
  response: z.object({ session: consoleSessionViewSchema }),
});
