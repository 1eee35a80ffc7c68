import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PortalSettings } from '@portico/contracts';

@Schema({ collection: 'organizations', versionKey: false })
export class Organization {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ type: String, default: null })
  display_name!: string | null;

  @Prop({ required: true })
  default_document_locale!: string;

  @Prop({ type: [String], default: [] })
  embed_origins!: string[];

  @Prop({ type: String, default: null })
  brand_color!: string | null;

  @Prop({ type: String, default: null })
  logo_url!: string | null;

  /** Absent on organizations created before portal settings existed: the defaults apply. */
  @Prop({ type: Object, default: null })
  portal_settings?: PortalSettings | null;

  @Prop({ required: true })
  created_at!: Date;

  @Prop({ required: true })
  updated_at!: Date;
}

export const OrganizationSchema = SchemaFactory.createForClass(Organization);
// Admin listing, newest first.
OrganizationSchema.index({ created_at: -1 });
