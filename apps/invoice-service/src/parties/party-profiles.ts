import type { CustomerView } from '@portico/contracts';
import { createHash } from 'node:crypto';

/** What a PDF needs of a customer, kept from `portico.customer.changed`. */
export interface CustomerProfile {
  _id: string;
  organization_id: string;
  external_id: string;
  name: string | null;
  email: string | null;
  document_locale: string | null;
  /** The customer as the API answers it, embedded in Lago-shaped invoices; null before it existed. */
  view?: CustomerView | null;
  deleted: boolean;
  updated_at: Date;
}

/** What a PDF needs of an organization, kept from `portico.organization.changed`. */
export interface OrganizationProfile {
  _id: string;
  name: string;
  display_name: string | null;
  default_document_locale: string;
  brand_color: string | null;
  logo_url: string | null;
  /** The logo fetched once when its URL changed, inlined into PDFs (the renderer fetches nothing). */
  logo_data_uri: string | null;
  updated_at: Date;
}

/** Stable ids, so a projection is found by `_id` alone (the lookup FerretDB answers from its key). */
export function customerProfileId(organizationId: string, externalId: string): string {
  const digest = createHash('sha256').update(`${organizationId}\u0000${externalId}`);
  return `cus_${digest.digest('base64url').slice(0, 27)}`;
}
