import { upstreamCreditNoteSchema } from '../credit-notes/credit-note.schema';
import { defineEvent } from '../event-contract';

/** Upstream: a credit note was issued for one of the customer's invoices (the whole note). */
export const CreditNoteCreated = defineEvent('credit_note.created', upstreamCreditNoteSchema);
