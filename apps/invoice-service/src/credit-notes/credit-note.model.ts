import type { UpstreamCreditNote } from '@portico/contracts';
import { storedSchema } from '@portico/persistence';

/** The model's name: what `@InjectModel` asks for. */
export const CREDIT_NOTE_MODEL = 'CreditNote';

/** A credit note as stored (plain object; `note` is the upstream note as last accepted). */
export interface CreditNoteRecord {
  _id: string;
  organization_id: string;
  upstream_id: string;
  external_customer_id: string;
  /** `issuing_date|upstream_id`: one sortable key for newest first. */
  list_key: string;
  /** The note's `updated_at`: a later event replaces the note only when it is newer. */
  version: Date;
  note: UpstreamCreditNote;
}

export const CreditNoteSchema = storedSchema<CreditNoteRecord>('credit_notes', [
  // Ingestion addresses a note by its upstream id.
  { keys: { organization_id: 1, upstream_id: 1 }, unique: true },
  // A customer's notes, newest first.
  { keys: { organization_id: 1, external_customer_id: 1, list_key: -1 } },
]);
