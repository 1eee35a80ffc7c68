import { z } from 'zod';
import { externalIdSchema } from '../../customers/customer.schema';
import { upstreamInvoiceIdSchema } from '../invoice.schema';
import { defineRpc } from '../../kit/rpc-contract';

const paymentUrlRequest = z.object({
  organization_id: z.string().min(1),
  invoice_id: upstreamInvoiceIdSchema,
  external_customer_id: externalIdSchema,
});

const paymentUrlResponse = z.object({
  /** Null: the invoice is not owed, or nobody gave (or could give) a payment page for it. */
  payment_url: z.string().nullable(),
  /** True when Lago could not be asked just now (slow, away): not an answer to keep. */
  transient: z.boolean().default(false),
});

/**
 * Where one of a customer's owed invoices can be paid: the `payment_url` its events carried, or,
 * for an organization that gave Portico its Lago API key, the one Lago generates
 * (`POST /invoices/:lago_id/payment_url`), kept until the invoice changes. Lago slow or away is
 * no error: the answer is null and the portal simply shows no button.
 */
export const GetInvoicePaymentUrl = defineRpc({
  name: 'invoice-service.payment-urls.get.v1',
  service: 'invoice-service',
  request: paymentUrlRequest,
  response: paymentUrlResponse,
});

/**
 * The customer pressed "Pay now": the same URL as GetInvoicePaymentUrl, and, when there is one,
 * `invoice.payment_requested` is published for the operator's outbound webhooks.
 */
export const RequestInvoicePayment = defineRpc({
  name: 'invoice-service.payment-urls.request.v1',
  service: 'invoice-service',
  request: paymentUrlRequest,
  response: paymentUrlResponse,
});
