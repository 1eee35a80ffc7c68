import { z } from 'zod';
import { externalIdSchema } from '../../customers/customer.schema';
import { upstreamInvoiceIdSchema } from '../../invoices/invoice.schema';
import { defineRpc } from '../../kit/rpc-contract';

/** A customer's credit note as a PDF in the customer's language (the invoices' renderer). */
export const RenderCreditNotePdf = defineRpc({
  name: 'invoice-service.credit-notes.pdf.v1',
  service: 'invoice-service',
  request: z.object({
    organization_id: z.string().min(1),
    credit_note_id: upstreamInvoiceIdSchema,
    external_customer_id: externalIdSchema,
  }),
  response: z.object({
    number: z.string(),
    locale: z.string(),
    cached: z.boolean(),
    pdf_base64: z.string(),
  }),
});
