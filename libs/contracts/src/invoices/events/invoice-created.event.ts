import { defineEvent } from '../../kit/event-contract';
import { upstreamInvoiceSchema } from '../invoice.schema';

/** Upstream: an invoice was created in the billing system (the whole invoice, fees included). */
export const InvoiceCreated = defineEvent('invoice.created', upstreamInvoiceSchema);
