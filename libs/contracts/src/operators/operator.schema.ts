import { z } from 'zod';
import { isoDateTime } from '../kit/common-schemas';

/** admin: everything; member: customers (view, open the portal, change language); viewer: read. */
export const OPERATOR_ROLES = ['admin', 'member', 'viewer'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];
export const operatorRoleSchema = z.enum(OPERATOR_ROLES);

export const operatorEmailSchema = z
  .email()
  .max(320)
  .transform((v) => v.trim().toLowerCase());

/** A password an operator chooses: long enough to matter, short enough to hash cheaply. */
export const operatorPasswordSchema = z.string().min(12).max(200);

/** What leaves customer-service about an operator: never the password hash. */
export const operatorViewSchema = z.object({
  id: z.string(),
  organization_id: z.string(),
  email: z.string(),
  role: operatorRoleSchema,
  /** False until the operator has used the set-password link. */
  active: z.boolean(),
  created_at: isoDateTime,
});
export type OperatorView = z.output<typeof operatorViewSchema>;

/** A one-time set-password link's secret (shown once) and when it stops working. */
export const setupLinkSchema = z.object({ token: z.string(), expires_at: isoDateTime });
