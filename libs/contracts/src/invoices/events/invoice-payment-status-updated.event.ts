import { defineEvent } from '../../kit/event-contract';
import { invoicePaymentStatusSchema } from '../invoice.schema';

/** Upstream: a payment succeeded or failed. May arrive before the invoice itself: it is kept. */
export const InvoicePaymentStatusUpdated = defineEvent(
  'invoice.payment_status_updated',
  invoicePaymentStatusSchema,
);
