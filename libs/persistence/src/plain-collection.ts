import type { Collection, mongo } from 'mongoose';
import { byId, saveIfNewer, type KeyedDocument, type SaveIfNewer } from './save-if-newer';

/**
 * Typed access to a collection of plain documents: what goes in is stored as it is (no Mongoose
 * casting, defaults or validation: records are built complete), what comes out is the stored
 * object. Every query takes a `Filter`: any filter here, one that names the organization in
 * `TenantCollection`. `collection` stays at hand for what this does not cover (indexes, bulk
 * writes).
 */
export class PlainCollection<
  T extends KeyedDocument,
  Filter extends mongo.Filter<T> = mongo.Filter<T>,
> {
  constructor(readonly collection: Collection<T>) {}

  /** By `_id` alone: the lookup FerretDB answers from its key. */
  async findById(id: string, options?: mongo.FindOptions): Promise<T | null> {
    return (await this.collection.findOne(byId<T>(id), options)) as T | null;
  }

  async findOne(filter: Filter, options?: mongo.FindOptions): Promise<T | null> {
    return (await this.collection.findOne(filter, options)) as T | null;
  }

  find(filter: Filter, options?: mongo.FindOptions): mongo.FindCursor<T> {
    return this.collection.find(filter, options) as unknown as mongo.FindCursor<T>;
  }

  countDocuments(filter: Filter, options?: mongo.CountDocumentsOptions): Promise<number> {
    return this.collection.countDocuments(filter, options);
  }

  /** One page of what matches, in `sort` order, and how many match in all. */
  async page(
    filter: Filter,
    { sort, skip = 0, limit }: { sort: mongo.Sort; skip?: number; limit: number },
  ): Promise<{ items: T[]; total: number }> {
    const [items, total] = await Promise.all([
      this.find(filter).sort(sort).skip(skip).limit(limit).toArray(),
      this.countDocuments(filter),
    ]);
    return { items, total };
  }

  async insertOne(document: T): Promise<void> {
    await this.collection.insertOne(document as mongo.OptionalUnlessRequiredId<T>);
  }

  updateOne(
    filter: Filter,
    update: mongo.UpdateFilter<T>,
    options?: mongo.UpdateOptions,
  ): Promise<mongo.UpdateResult<T>> {
    return this.collection.updateOne(filter, withoutOmittedFields(update), options);
  }

  updateMany(filter: Filter, update: mongo.UpdateFilter<T>): Promise<mongo.UpdateResult<T>> {
    return this.collection.updateMany(filter, withoutOmittedFields(update));
  }

  /** The document before the update, or after it with `returnDocument: 'after'`; null if none matched. */
  async findOneAndUpdate(
    filter: Filter,
    update: mongo.UpdateFilter<T>,
    options: mongo.FindOneAndUpdateOptions = {},
  ): Promise<T | null> {
    return (await this.collection.findOneAndUpdate(
      filter,
      withoutOmittedFields(update),
      options,
    )) as T | null;
  }

  async findOneAndDelete(filter: Filter): Promise<T | null> {
    return (await this.collection.findOneAndDelete(filter)) as T | null;
  }

  deleteOne(filter: Filter): Promise<mongo.DeleteResult> {
    return this.collection.deleteOne(filter);
  }

  deleteMany(filter: Filter): Promise<mongo.DeleteResult> {
    return this.collection.deleteMany(filter);
  }

  /** See `saveIfNewer`: stores what `decide` returns unless another version won; true if it did. */
  saveIfNewer(id: string, write: SaveIfNewer<T>): Promise<boolean> {
    return saveIfNewer(this.collection, id, write);
  }
}

/**
 * The update as Mongoose sent it: without the fields `$set` or `$setOnInsert` leave undefined
 * (an omitted change keeps the stored value, where the driver would store null), and without
 * either once it is empty (servers before MongoDB 5.0 refuse an empty one).
 */
export function withoutOmittedFields<T>(update: mongo.UpdateFilter<T>): mongo.UpdateFilter<T> {
  const sent: Record<string, unknown> = { ...update };
  for (const operator of ['$set', '$setOnInsert']) {
    const fields = Object.entries(sent[operator] ?? {}).filter(([, value]) => value !== undefined);
    if (fields.length) sent[operator] = Object.fromEntries(fields);
    else delete sent[operator];
  }
  return sent as mongo.UpdateFilter<T>;
}

/** A Mongoose model's collection as plain documents (the model keeps the schema and indexes). */
export function plainCollectionOf<T extends KeyedDocument>(model: {
  collection: Collection;
}): PlainCollection<T> {
  return new PlainCollection(model.collection as unknown as Collection<T>);
}
