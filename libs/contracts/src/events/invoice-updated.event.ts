import { defineEvent } from '../event-contract';
import { upstreamInvoiceSchema } from '../invoices/invoice.schema';

/** Upstream: an invoice was updated in the billing system (the whole invoice, fees included). */
export const InvoiceUpdated = defineEvent('invoice.updated', upstreamInvoiceSchema);
