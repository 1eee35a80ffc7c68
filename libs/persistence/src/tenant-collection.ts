import type { Collection, Connection, mongo } from 'mongoose';
import { PlainCollection } from './plain-collection';
import type { KeyedDocument } from './save-if-newer';

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
 * A tenant-scoped collection of plain documents: every query and write names the organization,
 * or an `_id` the collection derives from the organization (the ids the `*DocumentId()`
 * functions make, for `findById`), and "newer wins" writes go through `saveIfNewer`.
 */
export class TenantCollection<T extends KeyedDocument> extends PlainCollection<T, TenantFilter<T>> {
  /**
   * The same collection for what finds the organization rather than being scoped by it: a
   * lookup by a key unique across organizations (a login email, a token's hash), or a write by
   * the random `_id` such a lookup returned.
   */
  readonly acrossOrganizations: PlainCollection<T>;

  constructor(collection: Collection<T>) {
    super(collection);
    this.acrossOrganizations = new PlainCollection(collection);
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
