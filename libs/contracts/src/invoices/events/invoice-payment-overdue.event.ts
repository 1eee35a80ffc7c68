import { defineEvent } from '../../kit/event-contract';
import { invoicePaymentOverdueSchema } from '../invoice.schema';

/** Upstream: the invoice passed its due date unpaid (or, with `false`, no longer is overdue). */
export const InvoicePaymentOverdue = defineEvent(
  'invoice.payment_overdue',
  invoicePaymentOverdueSchema,
);
