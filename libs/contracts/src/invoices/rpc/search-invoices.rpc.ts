import { z } from 'zod';
import { paginationMetaSchema } from '../../kit/common-schemas';
import { invoiceSearchSchema, lagoInvoiceSchema } from '../lago-invoice.schema';
import { defineRpc } from '../../kit/rpc-contract';

/**
 * The API's invoice list (Lago's `GET /invoices`): an organization's visible invoices, newest
 * first, across customers or for one, in numbered pages or keyset pages (`cursor`).
 */
export const SearchInvoices = defineRpc({
  name: 'invoice-service.invoices.search.v1',
  service: 'invoice-service',
  request: invoiceSearchSchema.extend({ organization_id: z.string().min(1) }),
  response: z.object({
    invoices: z.array(lagoInvoiceSchema),
    meta: paginationMetaSchema.extend({
      next_cursor: z.string().nullable(),
      previous_cursor: z.string().nullable(),
    }),
  }),
});
