import { defineEvent } from '../../kit/event-contract';
import { invoiceVoidedSchema } from '../invoice.schema';

/** Upstream: the invoice was voided; it stays visible, marked voided, and is no longer owed. */
export const InvoiceVoided = defineEvent('invoice.voided', invoiceVoidedSchema);
