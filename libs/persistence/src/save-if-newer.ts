import type { Collection, mongo } from 'mongoose';

/** Any stored document: every collection here keys its documents by a string `_id`. */
export interface KeyedDocument {
  _id: string;
}

export interface SaveIfNewer<T extends KeyedDocument> {
  /**
   * What to store, given what is stored now (null: nothing yet); undefined keeps what is stored.
   * It may be called again after a lost race, with what the other writer stored.
   */
  decide: (stored: T | null) => T | undefined | Promise<T | undefined>;
  /**
   * The stored fields that make its version (`{ rev }`, `{ updated_at }`…): the update lands
   * only while they still hold, so a writer that read an older version hears that it lost.
   */
  versionOf: (stored: T) => Partial<T>;
  /** Lost races tolerated before giving up (each one means another writer stored a version). */
  maxRaceRetries?: number;
}

const DEFAULT_MAX_RACE_RETRIES = 5;

/**
 * The one "newer wins" write: read the document, let `decide` say what to store, then insert it
 * (nothing was stored) or update it on condition that the version read still holds. A lost race
 * (a duplicate key on insert, no match on update) reads again, so replays, out-of-order events
 * and racing instances settle on what `decide` prefers. Returns whether this call wrote.
 *
 * Only find/insert/updateOne by `_id` with equality conditions: the subset FerretDB 1.24 and
 * MongoDB share (docs/architecture.md). On MongoDB the conditional update is atomic. On FerretDB
 * 1.24 it is not under true concurrency: two updates conditioned on the same version can both
 * match and both land (seen with three writers racing on one document, the newest losing;
 * the invoice writer reads back a write token for the same reason).
 */
export async function saveIfNewer<T extends KeyedDocument>(
  collection: Collection<T>,
  id: string,
  { decide, versionOf, maxRaceRetries = DEFAULT_MAX_RACE_RETRIES }: SaveIfNewer<T>,
): Promise<boolean> {
  for (let attempt = 0; attempt < maxRaceRetries; attempt++) {
    const stored = (await collection.findOne(byId<T>(id))) as T | null;
    const document = await decide(stored);
    if (!document) return false;
    if (await compareAndSet(collection, document, stored ? versionOf(stored) : null)) return true;
  }
  throw new Error(`gave up saving ${id} after ${maxRaceRetries} lost races`);
}

/**
 * Inserts `document` when `version` is null (nothing was read), else sets its fields where its
 * `_id` and `version` still match; false when another writer got there first.
 */
export async function compareAndSet<T extends KeyedDocument>(
  collection: Collection<T>,
  document: T,
  version: Partial<T> | null,
): Promise<boolean> {
  try {
    if (!version) {
      await collection.insertOne(document as mongo.OptionalUnlessRequiredId<T>);
      return true;
    }
    const { _id, ...fields } = document;
    const result = await collection.updateOne(
      { _id, ...version } as mongo.Filter<T>,
      { $set: fields } as unknown as mongo.UpdateFilter<T>,
    );
    return result.matchedCount === 1;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/** The generic `_id` filter the driver's types cannot infer for a type parameter. */
export function byId<T extends KeyedDocument>(id: string): mongo.Filter<T> {
  return { _id: id } as mongo.Filter<T>;
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 11000;
}
