import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/**
 * Stored as written by the repository (see invoice-record.ts for the meaning of each field).
 * Indexes, each for one query:
 *  - {organization_id, upstream_id} unique: ingestion looks invoices up by upstream id, and an
 *    upstream id is unique per organization.
 *  - {organization_id, external_customer_id, list_key}: the portal's list, newest first, with
 *    keyset pagination (`list_key < cursor`) and filters on derived booleans matched in the scan.
 *  - {organization_id, external_customer_id, visible}: totals and counts for one customer.
 */
@Schema({ collection: 'invoices', versionKey: false, strict: false })
export class Invoice {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  organization_id!: string;

  @Prop({ required: true })
  upstream_id!: string;

  @Prop({ required: true })
  external_customer_id!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  document!: unknown;

  @Prop({ required: true })
  list_key!: string;

  @Prop({ required: true })
  visible!: boolean;

  @Prop({ required: true })
  rev!: number;
}

export const InvoiceSchema = SchemaFactory.createForClass(Invoice);
// Upstream ids are unique per organization (the derived `_id` enforces it too; this says it).
InvoiceSchema.index({ organization_id: 1, upstream_id: 1 }, { unique: true });
// A customer's visible invoices: loaded whole for the in-memory list (CustomerInvoicesCache),
// and, in `list_key` order, the newest few for a first page served before that load finishes.
InvoiceSchema.index({ organization_id: 1, external_customer_id: 1, visible: 1, list_key: -1 });
// The API's list (Lago's GET /invoices): an organization's visible invoices newest first, across
// customers, in numbered pages; filters are matched in the scan of that order.
InvoiceSchema.index({ organization_id: 1, visible: 1, list_key: -1 });
