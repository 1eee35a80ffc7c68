import { defineEvent } from '../event-contract';
import { invoicePaymentOverdueSchema } from '../invoices/invoice.schema';

/** Upstream: the invoice passed its due date unpaid (or, with `false`, no longer is overdue). */
export const InvoicePaymentOverdue = defineEvent(
  'invoice.payment_overdue',
  invoicePaymentOverdueSchema,
);
