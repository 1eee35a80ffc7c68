import { upstreamCreditNoteSchema } from '../credit-notes/credit-note.schema';
import { defineEvent } from '../event-contract';

/** Upstream: a credit note changed (credit used, refund settled, voided); the whole note again. */
export const CreditNoteUpdated = defineEvent('credit_note.updated', upstreamCreditNoteSchema);
