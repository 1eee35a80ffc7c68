import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one endpoint. Its id is the `webhook-id` header, the same on every attempt. */
@Schema({ collection: 'webhook_deliveries', versionKey: false })
export class WebhookDelivery {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  organization_id!: string;

  @Prop({ required: true })
  endpoint_id!: string;

  @Prop({ required: true })
  event_id!: string;

  @Prop({ required: true })
  event_type!: string;

  /** The exact JSON sent (`{type, timestamp, data}`): every attempt signs the same bytes. */
  @Prop({ required: true })
  body!: string;

  @Prop({ type: String, required: true, enum: ['pending', 'delivered', 'failed'] })
  status!: DeliveryStatus;

  /** Bumped by a redelivery: queued attempts of an older schedule are then ignored. */
  @Prop({ required: true, default: 0 })
  generation!: number;

  @Prop({ required: true, default: 0 })
  attempt_count!: number;

  @Prop({ type: String, default: null })
  last_error!: string | null;

  @Prop({ type: Date, default: null })
  next_attempt_at!: Date | null;

  @Prop({ type: Date, default: null })
  delivered_at!: Date | null;

  @Prop({ required: true })
  created_at!: Date;
}

export const WebhookDeliverySchema = SchemaFactory.createForClass(WebhookDelivery);
// The delivery log: an endpoint's deliveries, newest first; pruning walks the same index.
WebhookDeliverySchema.index({ organization_id: 1, endpoint_id: 1, created_at: -1 });

/** One HTTP attempt of a delivery, as the log shows it. */
@Schema({ collection: 'webhook_attempts', versionKey: false })
export class WebhookAttempt {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  organization_id!: string;

  @Prop({ required: true })
  delivery_id!: string;

  @Prop({ required: true })
  at!: Date;

  @Prop({ type: Number, default: null })
  status_code!: number | null;

  @Prop({ required: true })
  latency_ms!: number;

  @Prop({ type: String, default: null })
  response_excerpt!: string | null;

  @Prop({ type: String, default: null })
  error!: string | null;
}

export const WebhookAttemptSchema = SchemaFactory.createForClass(WebhookAttempt);
WebhookAttemptSchema.index({ delivery_id: 1, at: 1 });
