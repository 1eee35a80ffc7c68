import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

@Schema({ collection: 'operators', versionKey: false })
export class Operator {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  organization_id!: string;

  /** Lower-cased; one account per address across organizations, so /login needs only the email. */
  @Prop({ required: true })
  email!: string;

  @Prop({ type: String, required: true })
  role!: 'admin' | 'member' | 'viewer';

  /** `scrypt$…` (password-hashing.ts); null until the set-password link is used. Never leaves here. */
  @Prop({ type: String, default: null })
  password_hash!: string | null;

  /** SHA-256 of the pending one-time set-password token; null once used. */
  @Prop({ type: String, default: null })
  setup_token_sha256!: string | null;

  @Prop({ type: Date, default: null })
  setup_expires_at!: Date | null;

  @Prop({ required: true })
  created_at!: Date;

  @Prop({ required: true })
  updated_at!: Date;
}

export const OperatorSchema = SchemaFactory.createForClass(Operator);
OperatorSchema.index({ email: 1 }, { unique: true });
OperatorSchema.index({ organization_id: 1, role: 1 });
// Sparse: only pending links are indexed, and null never collides.
OperatorSchema.index({ setup_token_sha256: 1 }, { sparse: true });
