import { z } from 'zod';
import { localeSchema } from '../kit/locales';

const shippingAddressSchema = z.object({
  address_line1: z.string().max(500).nullable(),
  address_line2: z.string().max(500).nullable(),
  city: z.string().max(200).nullable(),
  zipcode: z.string().max(50).nullable(),
  state: z.string().max(200).nullable(),
  /** ISO 3166 alpha-2. */
  country: z.string().max(2).nullable(),
});

/**
 * The billing details a customer can correct in the portal, with Lago's field names so the
 * operator can pass them straight to `PUT /api/v1/customers`. Every field is present; null means
 * not set.
 */
export const portalCustomerDetailsSchema = z.object({
  name: z.string().max(500).nullable(),
  legal_name: z.string().max(500).nullable(),
  // Added after the first release: a publisher that omits it still sends a valid event.
  legal_number: z.string().max(255).nullable().default(null),
  email: z.string().max(500).nullable(),
  tax_identification_number: z.string().max(100).nullable(),
  address_line1: z.string().max(500).nullable(),
  address_line2: z.string().max(500).nullable(),
  city: z.string().max(200).nullable(),
  zipcode: z.string().max(50).nullable(),
  state: z.string().max(200).nullable(),
  /** ISO 3166 alpha-2. */
  country: z.string().max(2).nullable(),
  document_locale: localeSchema.nullable(),
  shipping_address: shippingAddressSchema.nullable().default(null),
});
export type PortalCustomerDetails = z.output<typeof portalCustomerDetailsSchema>;

/** The fields an organization may let its customers edit in the portal (`portal_settings`). */
export const PORTAL_CUSTOMER_FIELDS = portalCustomerDetailsSchema.keyof().options;
export type PortalCustomerField = (typeof PORTAL_CUSTOMER_FIELDS)[number];
