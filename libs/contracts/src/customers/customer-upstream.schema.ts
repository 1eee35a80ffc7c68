import { z } from 'zod';
import { currencySchema, isoDateTime, storableText } from '../kit/common-schemas';
import { CUSTOMER_TYPES, MAX_CUSTOMER_METADATA, externalIdSchema } from './customer.schema';

const text = (max: number) => storableText().max(max).nullable().optional();
const address = {
  address_line1: text(255),
  address_line2: text(255),
  city: text(255),
  state: text(255),
  zipcode: text(64),
  country: text(64),
};

/**
 * The customer as an upstream billing system sends it (Lago's field names). The locale, time zone
 * and country are taken as any string: one Portico cannot use is dropped (stored as null) rather
 * than losing the whole customer to the dead-letter queue.
 */
export const upstreamCustomerSchema = z.object({
  external_id: externalIdSchema,
  name: z.string().max(500).nullable().optional(),
  email: z.string().max(320).nullable().optional(),
  currency: currencySchema.nullable().optional(),
  firstname: text(255),
  lastname: text(255),
  customer_type: z.enum(CUSTOMER_TYPES).nullable().optional().catch(null),
  legal_name: text(500),
  legal_number: text(255),
  tax_identification_number: text(255),
  phone: text(64),
  url: text(2_048),
  ...address,
  shipping_address: z.object(address).nullable().optional(),
  timezone: text(64),
  metadata: z
    .array(
      z.object({
        key: z.string().min(1).max(100),
        value: z.string().max(1_000).nullable(),
        display_in_invoice: z.boolean().default(false),
      }),
    )
    .max(MAX_CUSTOMER_METADATA)
    .nullable()
    .optional(),
  billing_configuration: z
    .object({ document_locale: z.string().max(35).nullable().optional() })
    .optional(),
  /** Decides which write wins: an update older than what is stored changes nothing. */
  updated_at: isoDateTime,
});
export type UpstreamCustomer = z.output<typeof upstreamCustomerSchema>;
