import { z } from 'zod';
import { isoDateTime } from '../kit/common-schemas';
import { operatorViewSchema } from '../operators/operator.schema';

/** What the console learns from a session: who, and the form token that guards its changes. */
export const consoleSessionViewSchema = z.object({
  id: z.string(),
  operator: operatorViewSchema,
  /** The synchronizer token every state-changing form of this session must carry. */
  csrf_token: z.string(),
  expires_at: isoDateTime,
});
export type ConsoleSessionView = z.output<typeof consoleSessionViewSchema>;

/** The session secret from the cookie; only its SHA-256 is stored. */
export const consoleSessionTokenSchema = z.string().min(32).max(200);
