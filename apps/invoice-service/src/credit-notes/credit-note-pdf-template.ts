/** Injection token of the credit note's template (the invoice template class, its own file). */
export const CREDIT_NOTE_PDF_TEMPLATE = Symbol('CREDIT_NOTE_PDF_TEMPLATE');
