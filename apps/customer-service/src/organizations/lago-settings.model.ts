import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * How an organization's Lago deliveries are verified; one document per organization, keyed by
 * its id. The HMAC key is stored as given: verifying a signature needs the key itself; so is the
 * API key, which Portico presents to Lago.
 */
@Schema({ collection: 'lago_settings', versionKey: false })
export class LagoSettings {
  /** The organization id. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, default: null })
  hmac_key!: string | null;

  /** Lago's API key, for calls to the organization's Lago; stored as given, never shown. */
  @Prop({ type: String, default: null })
  api_key!: string | null;

  @Prop({ type: String, default: null })
  rsa_public_key!: string | null;

  @Prop({ type: String, default: null })
  api_url!: string | null;

  @Prop({ required: true })
  updated_at!: Date;
}

export const LagoSettingsSchema = SchemaFactory.createForClass(LagoSettings);
