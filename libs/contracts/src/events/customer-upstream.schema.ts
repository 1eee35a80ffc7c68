import { z } from 'zod';
import { currencySchema, isoDateTime } from '../common-schemas';
import { externalIdSchema } from '../customers/customer.schema';

/**
 * The customer as an upstream billing system sends it (Lago's field names). The locale is taken
 * as any string: a tag Portico does not support falls back to the organization's language rather
 * than losing the whole customer to the dead-letter queue.
 */
export const upstreamCustomerSchema = z.object({
  external_id: externalIdSchema,
  name: z.string().max(500).nullable().optional(),
  email: z.string().max(320).nullable().optional(),
  currency: currencySchema.nullable().optional(),
  billing_configuration: z
    .object({ document_locale: z.string().max(35).nullable().optional() })
    .optional(),
  /** Decides which write wins: an update older than what is stored changes nothing. */
  updated_at: isoDateTime,
});
export type UpstreamCustomer = z.output<typeof upstreamCustomerSchema>;
