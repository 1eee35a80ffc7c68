import { upstreamCreditNoteSchema } from '../credit-note.schema';
import { defineEvent } from '../../kit/event-contract';

/** Upstream: a credit note was issued for one of the customer's invoices (the whole note). */
export const CreditNoteCreated = defineEvent('credit_note.created', upstreamCreditNoteSchema);
