import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * API keys live in their own collection (not an array inside the organization) so that the
 * per-request lookup is a plain unique index on the hash, which FerretDB and MongoDB serve alike.
 */
@Schema({ collection: 'api_keys', versionKey: false })
export class ApiKey {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  organization_id!: string;

  /** SHA-256 of the key. Keys are 256 random bits, so a fast hash is enough: no salt to guess. */
  @Prop({ required: true })
  sha256!: string;

  @Prop({ required: true })
  prefix!: string;

  @Prop({ required: true })
  created_at!: Date;

  @Prop({ type: Date, default: null })
  last_used_at!: Date | null;

  @Prop({ type: Date, default: null })
  revoked_at!: Date | null;
}

export const ApiKeySchema = SchemaFactory.createForClass(ApiKey);
ApiKeySchema.index({ sha256: 1 }, { unique: true });
ApiKeySchema.index({ organization_id: 1, created_at: 1 });
