import { defineEvent } from '../../kit/event-contract';
import { upstreamInvoiceSchema } from '../invoice.schema';

/** Upstream: an invoice was updated in the billing system (the whole invoice, fees included). */
export const InvoiceUpdated = defineEvent('invoice.updated', upstreamInvoiceSchema);
