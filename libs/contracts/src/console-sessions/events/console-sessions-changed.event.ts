import { z } from 'zod';
import { defineEvent } from '../../kit/event-contract';

/**
 * Internal announcement: an operator's console sessions changed (a logout, "log out everywhere",
 * a new role, a removal). Every console instance drops what it cached of them, so a revoked
 * session or a lost right stops working at once, not when a cache entry expires. It carries no
 * session data: the console asks customer-service again.
 */
export const PorticoConsoleSessionsChanged = defineEvent(
  'portico.console_sessions.changed',
  z.object({
    operator_id: z.string(),
    /** One session (a logout); absent: every session of the operator. */
    session_id: z.string().optional(),
  }),
);
