import type { Collection, Connection, mongo } from 'mongoose';
import { byId, saveIfNewer, type KeyedDocument, type SaveIfNewer } from './save-if-newer';

/** A document of a collection that organizations share: each names its organization. */
export interface TenantDocument extends KeyedDocument {
  organization_id: string;
}

/**
 * A filter that names the organization, so that no query can forget to scope itself (the
 * enforcement novu's `libs/dal` puts on its repositories).
 */
export type TenantFilter<T> = mongo.Filter<T> & { organization_id: string };

/**
 * Typed access to a tenant-scoped collection of plain documents: every query names the
 * organization, or an `_id` the collection derives from the organization (the ids the
 * `*DocumentId()` functions make), and writes are "newer wins" through `saveIfNewer`.
 * `collection` stays at hand for what this does not cover (indexes, bulk writes).
 */
export class TenantCollection<T extends KeyedDocument> {
  constructor(readonly collection: Collection<T>) {}

  /** By `_id` alone: the lookup FerretDB answers from its key, scoped because the id is derived. */
  async findById(id: string, options?: mongo.FindOptions): Promise<T | null> {
    return (await this.collection.findOne(byId<T>(id), options)) as T | null;
  }

  /**
   * By the derived `_id`, and only when the document holds every value of `expected` (its
   * organization at least), so that an id derived elsewhere never answers for this tenant.
   */
  async findByIdMatching(
    id: string,
    expected: Partial<T> & { organization_id: string },
  ): Promise<T | null> {
    const found = await this.findById(id);
    if (!found) return null;
    const holds = Object.entries(expected).every(
      ([field, value]) => (found as Record<string, unknown>)[field] === value,
    );
    return holds ? found : null;
  }

  async findOne(filter: TenantFilter<T>, options?: mongo.FindOptions): Promise<T | null> {
    return (await this.collection.findOne(filter, options)) as T | null;
  }

  find(filter: TenantFilter<T>, options?: mongo.FindOptions): mongo.FindCursor<T> {
    return this.collection.find(filter, options) as unknown as mongo.FindCursor<T>;
  }

  countDocuments(filter: TenantFilter<T>, options?: mongo.CountDocumentsOptions): Promise<number> {
    return this.collection.countDocuments(filter, options);
  }

  /** One page of what matches, in `sort` order, and how many match in all. */
  async page(
    filter: TenantFilter<T>,
    { sort, skip = 0, limit }: { sort: mongo.Sort; skip?: number; limit: number },
  ): Promise<{ items: T[]; total: number }> {
    const [items, total] = await Promise.all([
      this.find(filter).sort(sort).skip(skip).limit(limit).toArray(),
      this.countDocuments(filter),
    ]);
    return { items, total };
  }

  /** See `saveIfNewer`: stores what `decide` returns unless another version won; true if it did. */
  saveIfNewer(id: string, write: SaveIfNewer<T>): Promise<boolean> {
    return saveIfNewer(this.collection, id, write);
  }
}

/** The named collection of the service's database, as plain documents (no Mongoose schema). */
export function tenantCollection<T extends KeyedDocument>(
  connection: Connection,
  name: string,
): TenantCollection<T> {
  return new TenantCollection(connection.collection<T>(name));
}

/** A Mongoose model's collection as plain documents (the model keeps the schema and indexes). */
export function tenantCollectionOf<T extends KeyedDocument>(model: {
  collection: Collection;
}): TenantCollection<T> {
  return new TenantCollection(model.collection as unknown as Collection<T>);
}
