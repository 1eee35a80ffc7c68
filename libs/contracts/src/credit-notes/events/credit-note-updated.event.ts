import { upstreamCreditNoteSchema } from '../credit-note.schema';
import { defineEvent } from '../../kit/event-contract';

/** Upstream: a credit note changed (credit used, refund settled, voided); the whole note again. */
export const CreditNoteUpdated = defineEvent('credit_note.updated', upstreamCreditNoteSchema);
