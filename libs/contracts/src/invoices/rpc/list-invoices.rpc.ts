import { z } from 'zod';
import { externalIdSchema } from '../../customers/customer.schema';
import { INVOICE_FILTERS, currencyTotalsSchema, invoiceSummarySchema } from '../invoice.schema';
import { defineRpc } from '../../kit/rpc-contract';

export const MAX_INVOICE_PAGE_SIZE = 100;

/** One page of a customer's visible invoices, newest first, with opaque keyset cursors. */
export const ListInvoices = defineRpc({
  name: 'invoice-service.invoices.list.v1',
  service: 'invoice-service',
  request: z.object({
    organization_id: z.string().min(1),
    external_customer_id: externalIdSchema,
    filter: z.enum(INVOICE_FILTERS).default('all'),
    search: z.string().trim().max(100).optional(),
    cursor: z.string().max(600).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_INVOICE_PAGE_SIZE).default(20),
    /** The customer's totals per currency too (the portal page shows both: one round trip). */
    with_totals: z.boolean().default(false),
  }),
  response: z.object({
    invoices: z.array(invoiceSummarySchema),
    /** Pass back to get the next (older) page; null on the last one. */
    next_cursor: z.string().nullable(),
    /** Pass back to get the previous (newer) page; null on the first one. */
    previous_cursor: z.string().nullable(),
    /** Matching invoices in all. */
    total_count: z.number().int(),
    /** Position of this page's first invoice among the matching ones (0-based). */
    offset: z.number().int(),
    /** Only when asked for with `with_totals`; over all the customer's invoices, not the page. */
    totals: z.array(currencyTotalsSchema).optional(),
  }),
});
