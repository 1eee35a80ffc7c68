import { z } from 'zod';
import { externalIdSchema } from '../../customers/customer.schema';
import { upstreamInvoiceIdSchema } from '../../invoices/invoice.schema';
import { defineRpc } from '../../rpc-contract';

/**
 * A visible invoice as a PDF in its customer's language; scoped to a customer when the portal
 * asks. The bytes travel in the reply (base64): the gateway never reads a database. Served from
 * the invoice-service's cache when the invoice, language and template are unchanged.
 */
export const RenderInvoicePdf = defineRpc({
  name: 'invoice-service.invoices.pdf.v1',
  service: 'invoice-service',
  request: z.object({
    organization_id: z.string().min(1),
    invoice_id: upstreamInvoiceIdSchema,
    external_customer_id: externalIdSchema.optional(),
  }),
  response: z.object({
    /** The invoice number, for the download's file name. */
    number: z.string(),
    locale: z.string(),
    /** Whether this answer came from the cache (no Chromium involved). */
    cached: z.boolean(),
    pdf_base64: z.string(),
  }),
});
