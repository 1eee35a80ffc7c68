import { z } from 'zod';

export const portalOrganizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  display_name: z.string().nullable(),
  default_document_locale: z.string(),
  embed_origins: z.array(z.string()),
  brand_color: z.string().nullable(),
  logo_url: z.string().nullable(),
});

export const portalCustomerSchema = z.object({
  id: z.string(),
  external_id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  currency: z.string().nullable(),
  document_locale: z.string().nullable(),
});

export type PortalOrganization = z.output<typeof portalOrganizationSchema>;

export type PortalCustomer = z.output<typeof portalCustomerSchema>;
