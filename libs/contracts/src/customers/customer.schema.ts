import { z } from 'zod';
import { currencySchema, isoDateTime } from '../common-schemas';
import { localeSchema } from '../locales';

export const externalIdSchema = z.string().trim().min(1).max(255);

/** Lago's customer fields that the portal needs. Omitted fields stay as they are; null clears. */
export const customerInputSchema = z.object({
  external_id: externalIdSchema,
  name: z.string().trim().max(500).nullable().optional(),
  email: z.email().max(320).nullable().optional(),
  currency: currencySchema.nullable().optional(),
  billing_configuration: z
    .object({ document_locale: localeSchema.nullable().optional() })
    .optional(),
});
export type CustomerInput = z.output<typeof customerInputSchema>;

export const customerViewSchema = z.object({
  id: z.string(),
  external_id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  currency: z.string().nullable(),
  billing_configuration: z.object({ document_locale: z.string().nullable() }),
  created_at: isoDateTime,
  updated_at: isoDateTime,
});
export type CustomerView = z.output<typeof customerViewSchema>;
