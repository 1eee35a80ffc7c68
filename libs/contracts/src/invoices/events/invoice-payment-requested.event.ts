import { z } from 'zod';
import { currencySchema, isoDateTime } from '../../kit/common-schemas';
import { defineEvent } from '../../kit/event-contract';

/**
 * Outbound, for the operator: a customer asked, in the portal, to pay an invoice (the operator
 * answers with a payment link or retries the charge in its billing system).
 */
export const InvoicePaymentRequested = defineEvent(
  'invoice.payment_requested',
  z.object({
    external_customer_id: z.string().min(1).max(200),
    invoice: z.object({
      /** The upstream (Lago) id of the invoice. */
      id: z.string().min(1).max(200),
      number: z.string().max(200),
      currency: currencySchema,
      total_due_amount_cents: z.number().int().min(0),
    }),
    requested_at: isoDateTime,
  }),
);
