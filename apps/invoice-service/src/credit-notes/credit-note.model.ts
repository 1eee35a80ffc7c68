import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/**
 * Stored as written by CreditNotesRepository: the upstream note whole (`note`), and `version`,
 * its `updated_at`, which decides whether a later event replaces it. Indexes, each for one query:
 *  - {organization_id, upstream_id} unique: ingestion addresses a note by its upstream id.
 *  - {organization_id, external_customer_id, list_key}: a customer's notes, newest first.
 */
@Schema({ collection: 'credit_notes', versionKey: false, strict: false })
export class CreditNote {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  organization_id!: string;

  @Prop({ required: true })
  upstream_id!: string;

  @Prop({ required: true })
  external_customer_id!: string;

  @Prop({ required: true })
  list_key!: string;

  @Prop({ required: true })
  version!: Date;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  note!: unknown;
}

export const CreditNoteSchema = SchemaFactory.createForClass(CreditNote);
CreditNoteSchema.index({ organization_id: 1, upstream_id: 1 }, { unique: true });
CreditNoteSchema.index({ organization_id: 1, external_customer_id: 1, list_key: -1 });
