import { z } from 'zod';
import { currencySchema, isoDateTime, storableText } from '../kit/common-schemas';
import { localeSchema } from '../kit/locales';

export const externalIdSchema = storableText().trim().min(1).max(255);

/** Lago's error code on a field, carried by an issue so that 422 `error_details` can name it. */
export const lagoCode = (code: string) => ({ params: { lago_code: code } });

/** An IANA time zone name the runtime knows (`Europe/Paris`, `UTC`); Lago's `timezone`. */
export const timezoneSchema = z
  .string()
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be an IANA time zone like Europe/Paris', ...lagoCode('invalid_timezone') },
  );

/** ISO 3166-1 alpha-2, stored upper case as Lago does. */
export const countrySchema = z
  .string()
  .refine((value) => /^[A-Za-z]{2}$/.test(value), {
    message: 'must be an ISO 3166 alpha-2 code like FR',
    ...lagoCode('country_code_invalid'),
  })
  .transform((v) => v.toUpperCase());

const text = (max: number) => storableText().trim().max(max).nullable().optional();

const addressInput = {
  address_line1: text(255),
  address_line2: text(255),
  city: text(255),
  state: text(255),
  zipcode: text(64),
  country: countrySchema.nullable().optional(),
};

export const CUSTOMER_TYPES = ['company', 'individual'] as const;
export const MAX_CUSTOMER_METADATA = 50;

export const customerMetadataInputSchema = z.object({
  key: storableText().trim().min(1).max(100),
  value: storableText().max(1_000),
  display_in_invoice: z.boolean().default(false),
});

/**
 * Lago's customer fields that Portico keeps. Omitted fields stay as they are; null clears.
 * `metadata`, when given, replaces the whole list.
 */
export const customerInputSchema = z
  .object({
    external_id: externalIdSchema,
    name: text(500),
    firstname: text(255),
    lastname: text(255),
    customer_type: z.enum(CUSTOMER_TYPES).nullable().optional(),
    email: z.email().max(320).nullable().optional(),
    currency: currencySchema.nullable().optional(),
    legal_name: text(500),
    legal_number: text(255),
    tax_identification_number: text(255),
    phone: text(64),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2_048)
      .nullable()
      .optional(),
    ...addressInput,
    shipping_address: z.object(addressInput).nullable().optional(),
    timezone: timezoneSchema.nullable().optional(),
    metadata: z.array(customerMetadataInputSchema).max(MAX_CUSTOMER_METADATA).nullable().optional(),
    billing_configuration: z
      .object({ document_locale: localeSchema.nullable().optional() })
      .optional(),
  })
  .meta({ id: 'CustomerInput' });
export type CustomerInput = z.output<typeof customerInputSchema>;

/** The part of a customer Portico stores beyond its name, email, currency and locale. */
export interface CustomerDetails {
  firstname: string | null;
  lastname: string | null;
  customer_type: (typeof CUSTOMER_TYPES)[number] | null;
  legal_name: string | null;
  legal_number: string | null;
  tax_identification_number: string | null;
  phone: string | null;
  url: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  state: string | null;
  zipcode: string | null;
  country: string | null;
  shipping_address: Address | null;
  timezone: string | null;
  metadata: CustomerMetadata[] | null;
}

export interface Address {
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  state: string | null;
  zipcode: string | null;
  country: string | null;
}

const addressView = z.object({
  address_line1: z.string().nullable(),
  address_line2: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  zipcode: z.string().nullable(),
  country: z.string().nullable(),
});

const customerMetadataViewSchema = z
  .object({
    lago_id: z.string(),
    key: z.string(),
    value: z.string(),
    display_in_invoice: z.boolean(),
    created_at: isoDateTime,
  })
  .meta({ id: 'CustomerMetadata' });
export type CustomerMetadata = z.output<typeof customerMetadataViewSchema>;

/**
 * A customer as the API answers it: Lago's customer object (same names and types) plus Portico's
 * `id`. What Portico does not know is null, or Lago's documented default (`applicable_timezone`
 * falls back to UTC, Lago's organization default, since Portico organizations have no time zone).
 */
export const customerViewSchema = z
  .object({
    id: z.string(),
    lago_id: z.string().describe("Portico's id for the customer (the same as id)"),
    sequential_id: z.number().int().nullable().describe('Not kept by Portico: always null'),
    slug: z.string().nullable().describe('Not kept by Portico: always null'),
    external_id: z.string(),
    billing_entity_code: z.string().nullable(),
    name: z.string().nullable(),
    firstname: z.string().nullable(),
    lastname: z.string().nullable(),
    account_type: z.literal('customer'),
    customer_type: z.enum(CUSTOMER_TYPES).nullable(),
    email: z.string().nullable(),
    currency: z.string().nullable(),
    legal_name: z.string().nullable(),
    legal_number: z.string().nullable(),
    tax_identification_number: z.string().nullable(),
    phone: z.string().nullable(),
    url: z.string().nullable(),
    logo_url: z.string().nullable(),
    address_line1: z.string().nullable(),
    address_line2: z.string().nullable(),
    city: z.string().nullable(),
    state: z.string().nullable(),
    zipcode: z.string().nullable(),
    country: z.string().nullable(),
    timezone: z.string().nullable(),
    applicable_timezone: z.string(),
    net_payment_term: z.number().int().nullable(),
    finalize_zero_amount_invoice: z.literal('inherit'),
    skip_invoice_custom_sections: z.boolean(),
    shipping_address: addressView,
    billing_configuration: z.object({
      invoice_grace_period: z.number().int().nullable(),
      payment_provider: z.string().nullable(),
      payment_provider_code: z.string().nullable(),
      provider_customer_id: z.string().nullable(),
      sync: z.boolean().nullable(),
      sync_with_provider: z.boolean().nullable(),
      document_locale: z.string().nullable(),
    }),
    metadata: z.array(customerMetadataViewSchema),
    taxes: z.array(z.never()).describe('Portico keeps no taxes on customers: always empty'),
    integration_customers: z.array(z.never()),
    applicable_invoice_custom_sections: z.array(z.never()),
    created_at: isoDateTime,
    updated_at: isoDateTime,
  })
  .meta({ id: 'Customer' });
export type CustomerView = z.output<typeof customerViewSchema>;

/** Everything a customer view is made from; the one builder, so every service answers alike. */
export interface CustomerViewSource extends Partial<CustomerDetails> {
  id: string;
  external_id: string;
  name: string | null;
  email: string | null;
  currency: string | null;
  document_locale: string | null;
  created_at: string;
  updated_at: string;
}

export function buildCustomerView(source: CustomerViewSource): CustomerView {
  const shipping = source.shipping_address ?? null;
  return {
    id: source.id,
    lago_id: source.id,
    sequential_id: null,
    slug: null,
    external_id: source.external_id,
    billing_entity_code: null,
    name: source.name,
    firstname: source.firstname ?? null,
    lastname: source.lastname ?? null,
    account_type: 'customer',
    customer_type: source.customer_type ?? null,
    email: source.email,
    currency: source.currency,
    legal_name: source.legal_name ?? null,
    legal_number: source.legal_number ?? null,
    tax_identification_number: source.tax_identification_number ?? null,
    phone: source.phone ?? null,
    url: source.url ?? null,
    logo_url: null,
    address_line1: source.address_line1 ?? null,
    address_line2: source.address_line2 ?? null,
    city: source.city ?? null,
    state: source.state ?? null,
    zipcode: source.zipcode ?? null,
    country: source.country ?? null,
    timezone: source.timezone ?? null,
    applicable_timezone: source.timezone ?? 'UTC',
    net_payment_term: null,
    finalize_zero_amount_invoice: 'inherit',
    skip_invoice_custom_sections: false,
    shipping_address: {
      address_line1: shipping?.address_line1 ?? null,
      address_line2: shipping?.address_line2 ?? null,
      city: shipping?.city ?? null,
      state: shipping?.state ?? null,
      zipcode: shipping?.zipcode ?? null,
      country: shipping?.country ?? null,
    },
    billing_configuration: {
      invoice_grace_period: null,
      payment_provider: null,
      payment_provider_code: null,
      provider_customer_id: null,
      sync: null,
      sync_with_provider: null,
      document_locale: source.document_locale,
    },
    metadata: source.metadata ?? [],
    taxes: [],
    integration_customers: [],
    applicable_invoice_custom_sections: [],
    created_at: source.created_at,
    updated_at: source.updated_at,
  };
}

/** Lago's list filters for customers, plus its search over name, names, email and external id. */
export const customerListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
  search_term: storableText()
    .trim()
    .max(255)
    .optional()
    .meta({
      description:
        'Part of the name, firstname, lastname, legal name, email or external_id; any case',
      examples: ['jane'],
    }),
  countries: z
    .union([countrySchema, z.array(countrySchema).max(250)])
    .optional()
    .describe('Only customers in these countries (`countries[]=FR&countries[]=DE` or one value)'),
  currencies: z
    .union([currencySchema, z.array(currencySchema).max(200)])
    .optional()
    .describe('Only customers billed in these currencies'),
  customer_type: z.enum(CUSTOMER_TYPES).optional(),
  // A boolean once parsed: the service checks the gateway's output with the same schema.
  has_tax_identification_number: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .optional(),
});
export type CustomerListQuery = z.output<typeof customerListQuerySchema>;
