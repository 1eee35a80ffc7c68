import { z } from 'zod';
import { isoDateTime, originSchema } from '../kit/common-schemas';
import { localeSchema } from '../kit/locales';
import { portalSettingsInputSchema, portalSettingsSchema } from './portal-settings.schema';

const nullableText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

/** What an operator may set on an organization (admin API). */
export const organizationSettingsSchema = z.object({
  name: z.string().trim().min(1).max(200),
  display_name: nullableText(200),
  default_document_locale: localeSchema.optional(),
  embed_origins: z.array(originSchema).max(50).optional(),
  brand_color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #1a2b3c')
    .nullable()
    .optional(),
  logo_url: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .max(2_000)
    .nullable()
    .optional(),
  /** What customers may do in the portal; omitted keys keep their value. */
  portal_settings: portalSettingsInputSchema.optional(),
});

export const createOrganizationSchema = organizationSettingsSchema.extend({
  /** Optional stable id, so provisioning scripts can be re-run; generated when absent. */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{2,62}$/, 'must be 3-63 lowercase letters, digits, "_" or "-"')
    .optional(),
});
export const updateOrganizationSchema = organizationSettingsSchema.partial();

export const apiKeyViewSchema = z.object({
  id: z.string(),
  /** The first characters of the key, to tell keys apart; the key itself is never stored. */
  prefix: z.string(),
  created_at: isoDateTime,
  last_used_at: isoDateTime.nullable(),
});

export const organizationViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  display_name: z.string().nullable(),
  default_document_locale: z.string(),
  embed_origins: z.array(z.string()),
  brand_color: z.string().nullable(),
  logo_url: z.string().nullable(),
  // Optional only for readers of older answers: customer-service always sends it.
  portal_settings: portalSettingsSchema.optional(),
  api_keys: z.array(apiKeyViewSchema),
  created_at: isoDateTime,
  updated_at: isoDateTime,
});

export type OrganizationView = z.output<typeof organizationViewSchema>;
export type ApiKeyView = z.output<typeof apiKeyViewSchema>;
