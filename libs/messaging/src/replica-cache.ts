import { LRUCache } from 'lru-cache';

export interface ReplicaCacheOptions<V> {
  /** How long an entry may be served should an announcement be missed. */
  ttlMs: number;
  max: number;
  /**
   * The tags of an entry (e.g. its organization and customer): an announcement about a tag makes
   * every entry carrying it stale.
   */
  tagsOf: (value: V, key: string) => readonly string[];
}

/**
 * A per-instance copy of answers a service owns, read through on a miss: least recently used
 * entries make room, each expires, and `invalidate(tag)` drops every entry a change announcement
 * (or this instance's own write) made stale. A load that was in flight when its tag was
 * invalidated is answered but not kept, so a stale answer never outlives the announcement.
 * Concurrent misses of one key share one load.
 */
export class ReplicaCache<V extends object | string | number | boolean> {
  private readonly entries: LRUCache<string, V>;
  private readonly keysByTag = new Map<string, Set<string>>();
  private readonly tagsByKey = new Map<string, readonly string[]>();
  private readonly loading = new Map<string, Promise<V>>();
  /** Bumped by every invalidation: a load that started before one does not store its answer. */
  private epoch = 0;

  constructor(private readonly options: ReplicaCacheOptions<V>) {
    this.entries = new LRUCache<string, V>({
      max: options.max,
      ttl: options.ttlMs,
      dispose: (_value, key) => this.untag(key),
    });
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  async getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const epoch = this.epoch;
    const loaded = load()
      .then((value) => {
        this.set(key, value, epoch);
        return value;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, loaded);
    return loaded;
  }

  /**
   * A moment to `set` from: an answer fetched after it is stored only if no invalidation came
   * in between (what `getOrLoad` does for its own loads).
   */
  mark(): number {
    return this.epoch;
  }

  set(key: string, value: V, since?: number): void {
    if (since !== undefined && since !== this.epoch) return;
    this.entries.set(key, value);
    this.untag(key);
    const tags = this.options.tagsOf(value, key);
    this.tagsByKey.set(key, tags);
    for (const tag of tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  invalidate(tag: string): void {
    this.epoch += 1;
    for (const key of this.keysByTag.get(tag) ?? []) this.entries.delete(key);
  }

  clear(): void {
    this.epoch += 1;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private untag(key: string): void {
    for (const tag of this.tagsByKey.get(key) ?? []) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
    this.tagsByKey.delete(key);
  }
}
