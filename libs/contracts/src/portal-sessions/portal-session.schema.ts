import { z } from 'zod';
import { organizationViewSchema } from '../organizations/organization.schema';

/** What the portal needs of an organization: its settings, never its API keys. */
export const portalOrganizationSchema = organizationViewSchema.omit({
  api_keys: true,
  created_at: true,
  updated_at: true,
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
