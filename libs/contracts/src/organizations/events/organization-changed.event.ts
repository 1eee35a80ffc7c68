import { z } from 'zod';
import { isoDateTime } from '../../kit/common-schemas';
import { defineEvent } from '../../kit/event-contract';

/**
 * Internal domain event: an organization's settings or API keys changed. Gateways drop cached
 * API-key lookups for it; the invoice-service keeps the default locale and branding for PDFs.
 */
export const PorticoOrganizationChanged = defineEvent(
  'portico.organization.changed',
  z.object({
    id: z.string(),
    name: z.string(),
    display_name: z.string().nullable(),
    default_document_locale: z.string(),
    brand_color: z.string().nullable(),
    logo_url: z.string().nullable(),
    embed_origins: z.array(z.string()),
    updated_at: isoDateTime,
  }),
);
