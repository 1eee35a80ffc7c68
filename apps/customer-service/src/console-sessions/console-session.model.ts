import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

@Schema({ collection: 'console_sessions', versionKey: false })
export class ConsoleSession {
  @Prop({ type: String, required: true })
  _id!: string;

  /** SHA-256 of the cookie's secret: a stolen database holds no usable session. */
  @Prop({ required: true })
  token_sha256!: string;

  @Prop({ required: true })
  organization_id!: string;

  @Prop({ required: true })
  operator_id!: string;

  /** The synchronizer token of this session's forms. */
  @Prop({ required: true })
  csrf_token!: string;

  @Prop({ required: true })
  created_at!: Date;

  @Prop({ required: true })
  last_seen_at!: Date;

  @Prop({ required: true })
  idle_timeout_seconds!: number;

  /** Absolute end, whatever the activity. */
  @Prop({ required: true })
  expires_at!: Date;

  @Prop({ type: Date, default: null })
  closed_at!: Date | null;
}

export const ConsoleSessionSchema = SchemaFactory.createForClass(ConsoleSession);
ConsoleSessionSchema.index({ token_sha256: 1 }, { unique: true });
ConsoleSessionSchema.index({ organization_id: 1, operator_id: 1 });
