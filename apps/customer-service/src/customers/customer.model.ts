import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { CustomerDetails } from '@portico/contracts';
import type { PortalEdits } from '../portal-details/portal-edit-precedence';

@Schema({ collection: 'customers', versionKey: false })
export class Customer {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  organization_id!: string;

  @Prop({ required: true })
  external_id!: string;

  @Prop({ type: String, default: null })
  name!: string | null;

  @Prop({ type: String, default: null })
  email!: string | null;

  @Prop({ type: String, default: null })
  currency!: string | null;

  @Prop({ type: String, default: null })
  document_locale!: string | null;

  /**
   * Lago's other customer fields (addresses, tax ids, time zone, metadata…), kept as one
   * sub-document: the API returns them, the portal and the PDF show some of them, and no query
   * filters on most of them. Absent on customers stored before they were kept.
   */
  @Prop({ type: Object, default: null })
  details!: CustomerDetails | null;

  /**
   * The version of the last upstream or API write. `updated_at` also moves for portal edits and
   * session revocations; upstream writes are compared with this. Absent: `updated_at` is it.
   */
  @Prop({ type: Date, default: null })
  source_updated_at?: Date | null;

  /** The fields the customer edited in the portal, with who and when, while upstream is older. */
  @Prop({ type: Object, default: null })
  portal_edits?: PortalEdits | null;

  /**
   * The `customer.updated_from_portal` event of the last edit until the broker confirmed it: an
   * edit whose event was not confirmed is announced again when the customer resubmits it.
   */
  @Prop({ type: Object, default: null })
  portal_event_outbox?: Record<string, unknown> | null;

  /** Portal tokens carry the generation they were minted in; revoking sessions increments it. */
  @Prop({ required: true, default: 0 })
  portal_session_generation!: number;

  @Prop({ required: true })
  created_at!: Date;

  /** Version of the record: strictly increasing; an upstream update older than this is ignored. */
  @Prop({ required: true })
  updated_at!: Date;

  /** A tombstone, so a late upstream update cannot bring a deleted customer back. */
  @Prop({ type: Date, default: null })
  deleted_at!: Date | null;
}

export const CustomerSchema = SchemaFactory.createForClass(Customer);
// Every lookup is by organization + external id (API, events, portal URL): unique per organization.
CustomerSchema.index({ organization_id: 1, external_id: 1 }, { unique: true });
// Listing a page of an organization's customers, newest first.
CustomerSchema.index({ organization_id: 1, created_at: -1 });
