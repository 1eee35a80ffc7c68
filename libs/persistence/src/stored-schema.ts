import { Schema } from 'mongoose';
import type { KeyedDocument } from './save-if-newer';

/** An index of a stored type: its keys in order, each a field of the type. */
export interface StoredIndex<T> {
  keys: { [K in keyof T & string]?: 1 | -1 };
  unique?: true;
}

/**
 * The schema of a collection whose documents are written and read through the driver as plain
 * objects of `T` (see tenantCollectionOf), never as Mongoose documents: `T` is their one
 * description, so the schema holds only what Mongoose acts on: the collection, the string `_id`
 * (not an ObjectId) and the indexes that `Model.init()` creates.
 */
export function storedSchema<T extends KeyedDocument>(
  collection: string,
  indexes: StoredIndex<T>[],
): Schema<T> {
  const schema = new Schema<T>({ _id: String }, { collection, versionKey: false, strict: false });
  for (const { keys, ...options } of indexes) schema.index(keys as Record<string, 1 | -1>, options);
  return schema;
}
