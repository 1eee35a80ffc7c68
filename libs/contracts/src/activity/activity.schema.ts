import { z } from 'zod';
import { isoDateTime } from '../kit/common-schemas';

/** What a console change was; labels are translated by the console. */
export const ACTIVITY_ACTIONS = [
  'customer.document_locale_changed',
  'customer.portal_opened',
  'customer.portal_links_revoked',
  'organization.updated',
  'organization.lago_updated',
  'api_key.created',
  'api_key.revoked',
  'operator.invited',
  'operator.role_changed',
  'operator.removed',
] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

const change = z.string().max(2_000).nullable();

export const activityInputSchema = z.object({
  organization_id: z.string().min(1).max(63),
  actor_id: z.string().min(1).max(100),
  actor_email: z.string().max(320),
  action: z.enum(ACTIVITY_ACTIONS),
  /** The customer the change was about, for filtering; null for organization changes. */
  external_customer_id: z.string().max(255).nullable(),
  /** What changed, e.g. `document_locale`, `member:ana@example.com`. */
  subject: z.string().max(500),
  before: change,
  after: change,
});

export const activityViewSchema = activityInputSchema.omit({ organization_id: true }).extend({
  id: z.string(),
  at: isoDateTime,
});
export type ActivityView = z.output<typeof activityViewSchema>;
