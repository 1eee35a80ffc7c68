import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * An organization's webhook endpoint. Secrets are stored as given: signing needs the secret
 * itself (HMAC), like Lago's HMAC key.
 */
@Schema({ collection: 'webhook_endpoints', versionKey: false })
export class WebhookEndpoint {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  organization_id!: string;

  @Prop({ required: true })
  url!: string;

  @Prop({ type: String, default: null })
  description!: string | null;

  /** null: every outbound event type. */
  @Prop({ type: [String], default: null })
  event_types!: string[] | null;

  @Prop({ required: true })
  enabled!: boolean;

  @Prop({ type: String, default: null })
  disabled_reason!: 'failing' | 'operator' | null;

  @Prop({ type: Date, default: null })
  disabled_at!: Date | null;

  @Prop({ type: Date, default: null })
  failing_since!: Date | null;

  @Prop({ type: String, default: null })
  last_error!: string | null;

  @Prop({ required: true })
  secret!: string;

  @Prop({ type: String, default: null })
  previous_secret!: string | null;

  @Prop({ type: Date, default: null })
  previous_secret_expires_at!: Date | null;

  @Prop({ required: true })
  created_at!: Date;

  @Prop({ required: true })
  updated_at!: Date;
}

export const WebhookEndpointSchema = SchemaFactory.createForClass(WebhookEndpoint);
// Fan-out reads an organization's endpoints for every outbound event.
WebhookEndpointSchema.index({ organization_id: 1, created_at: 1 });
