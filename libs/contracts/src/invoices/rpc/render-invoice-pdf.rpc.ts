import { z } from 'zod';
import { externalIdSchema } from '../../customers/customer.schema';
import { upstreamInvoiceIdSchema } from '../invoice.schema';
import { defineRpc } from '../../kit/rpc-contract';

/**
 * A visible invoice as a PDF in its customer's language; scoped to a customer when the portal
 * asks. The bytes travel in the reply (base64): the gateway never reads a database. Served from
 * the invoice-service's cache when the invoice, language and template are unchanged.
 *
 * Conditional, like HTTP's If-None-Match: a caller that keeps PDFs sends the `key` of the one it
 * holds; when that is still the PDF of this invoice (same revision, parties, locale, template),
 * the reply carries no bytes. Visibility and scope are checked either way.
 */
export const RenderInvoicePdf = defineRpc({
  name: 'invoice-service.invoices.pdf.v1',
  service: 'invoice-service',
  request: z.object({
    organization_id: z.string().min(1),
    invoice_id: upstreamInvoiceIdSchema,
    external_customer_id: externalIdSchema.optional(),
    /** The `key` of the PDF the caller already holds for this invoice. */
    if_none_match: z.string().min(1).max(128).optional(),
  }),
  response: z.object({
    /** The invoice number, for the download's file name. */
    number: z.string(),
    locale: z.string(),
    /** Whether this answer came from the cache (no Chromium involved). */
    cached: z.boolean(),
    /** The invoice's customer: what a caller keeping PDFs tags them with (change announcements). */
    external_customer_id: z.string().optional(),
    /** Names this exact PDF (opaque): it changes whenever anything the PDF is made from does. */
    key: z.string().min(1).max(128).optional(),
    /** Absent only when `if_none_match` named the current PDF. */
    pdf_base64: z.string().optional(),
  }),
});
