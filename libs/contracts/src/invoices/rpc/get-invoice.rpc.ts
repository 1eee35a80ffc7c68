import { z } from 'zod';
import { externalIdSchema } from '../../customers/customer.schema';
import { upstreamInvoiceIdSchema } from '../invoice.schema';
import { lagoInvoiceSchema } from '../lago-invoice.schema';
import { defineRpc } from '../../kit/rpc-contract';

/** One visible invoice with its line items, Lago's shape; scoped to a customer when asked. */
export const GetInvoice = defineRpc({
  name: 'invoice-service.invoices.get.v1',
  service: 'invoice-service',
  request: z.object({
    organization_id: z.string().min(1),
    invoice_id: upstreamInvoiceIdSchema,
    external_customer_id: externalIdSchema.optional(),
  }),
  response: z.object({ invoice: lagoInvoiceSchema }),
});
