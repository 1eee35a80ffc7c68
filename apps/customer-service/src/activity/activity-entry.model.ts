import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One change made in the console: who, what, when, before → after. Append-only. */
@Schema({ collection: 'activity', versionKey: false })
export class ActivityEntry {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  organization_id!: string;

  @Prop({ required: true })
  actor_id!: string;

  @Prop({ required: true })
  actor_email!: string;

  @Prop({ required: true })
  action!: string;

  @Prop({ type: String, default: null })
  external_customer_id!: string | null;

  @Prop({ required: true })
  subject!: string;

  @Prop({ type: String, default: null })
  before!: string | null;

  @Prop({ type: String, default: null })
  after!: string | null;

  @Prop({ required: true })
  at!: Date;
}

export const ActivityEntrySchema = SchemaFactory.createForClass(ActivityEntry);
ActivityEntrySchema.index({ organization_id: 1, at: -1 });
ActivityEntrySchema.index({ organization_id: 1, external_customer_id: 1, at: -1 });
