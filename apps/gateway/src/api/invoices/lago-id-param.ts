import { upstreamInvoiceIdSchema } from '@portico/contracts';
import { validParam } from '../../http/openapi/api-endpoint';

/** `:lago_id`: the billing system's invoice id (Lago's `lago_id` for invoices from the bridge). */
export const lagoIdParam = {
  schema: upstreamInvoiceIdSchema.meta({
    description: "The invoice's id in the billing system (Lago's lago_id)",
    examples: ['1a901a90-1a90-1a90-1a90-1a901a901a90'],
  }),
  pipes: [validParam],
};
