import type { CustomerView } from '@portico/contracts';
import { CustomerQuery, searchKeysOf } from './search-keys';

export interface DirectoryEntry {
  view: CustomerView;
  createdAt: number;
  updatedAt: number;
  keys: readonly string[];
}

export function directoryEntry(view: CustomerView): DirectoryEntry {
  return {
    view,
    createdAt: Date.parse(view.created_at),
    updatedAt: Date.parse(view.updated_at),
    keys: searchKeysOf(view),
  };
}

/** The list's order: newest first, then by id (as the database query sorts). */
const byListOrder = (a: DirectoryEntry, b: DirectoryEntry) =>
  b.createdAt - a.createdAt || (a.view.id < b.view.id ? -1 : a.view.id > b.view.id ? 1 : 0);

/** Searches answered from memory until the next change. */
const MEMOIZED_SEARCHES = 64;

interface KeyRef {
  key: string;
  entry: DirectoryEntry;
}

/** First index in `items` (sorted by `of`) whose value is not below `value`. */
function lowerBound<T>(items: readonly T[], value: string, of: (item: T) => string): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (of(items[middle]!) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function insertionIndex(entries: readonly DirectoryEntry[], entry: DirectoryEntry): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (byListOrder(entries[middle]!, entry) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * One organization's live customers in memory, in list order, with a sorted index of their
 * search keys: a page of the list is a slice, a search is a range of the index (binary search on
 * the prefix), never a pass over every customer.
 */
export class OrganizationDirectory {
  private readonly entries: DirectoryEntry[];
  private readonly index: KeyRef[];
  private readonly byId = new Map<string, DirectoryEntry>();
  private readonly searches = new Map<string, DirectoryEntry[]>();

  constructor(entries: DirectoryEntry[]) {
    this.entries = [...entries].sort(byListOrder);
    this.index = [];
    for (const entry of this.entries) {
      this.byId.set(entry.view.id, entry);
      for (const key of entry.keys) this.index.push({ key, entry });
    }
    this.index.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  get size(): number {
    return this.entries.length;
  }

  /** A customer as it now is; an older version than the one held, or a deleted one, is dropped. */
  apply(entry: DirectoryEntry, deleted: boolean): void {
    const held = this.byId.get(entry.view.id);
    if (held && held.updatedAt > entry.updatedAt) return;
    this.searches.clear();
    if (held) this.remove(held);
    if (deleted) return;
    this.byId.set(entry.view.id, entry);
    this.entries.splice(insertionIndex(this.entries, entry), 0, entry);
    for (const key of entry.keys) {
      this.index.splice(
        lowerBound(this.index, key, (ref) => ref.key),
        0,
        { key, entry },
      );
    }
  }

  page(query: string | undefined, page: number, perPage: number) {
    const matched = query ? this.search(new CustomerQuery(query)) : this.entries;
    const start = (page - 1) * perPage;
    return {
      items: matched.slice(start, start + perPage).map((entry) => entry.view),
      total: matched.length,
    };
  }

  private search(query: CustomerQuery): DirectoryEntry[] {
    if (!query.whole) return this.entries;
    let matched = this.searches.get(query.whole);
    if (!matched) {
      matched = this.match(query);
      // Paging through a search asks it again: kept until the next change.
      if (this.searches.size >= MEMOIZED_SEARCHES) this.searches.clear();
      this.searches.set(query.whole, matched);
    }
    return matched;
  }

  private match(query: CustomerQuery): DirectoryEntry[] {
    // Every match has a key beginning with the whole query, or one beginning with each word:
    // the whole query's range, plus the narrowest word's, hold them all.
    const range = (prefix: string): [number, number] => [
      lowerBound(this.index, prefix, (ref) => ref.key),
      lowerBound(this.index, `${prefix}\uffff`, (ref) => ref.key),
    ];
    const ranges = [range(query.whole)];
    const narrowest = query.words.map(range).sort((a, b) => a[1] - a[0] - (b[1] - b[0]))[0];
    if (narrowest) ranges.push(narrowest);
    const found = new Set<DirectoryEntry>();
    for (const [from, to] of ranges) {
      for (let i = from; i < to; i++) {
        const { entry } = this.index[i]!;
        if (!found.has(entry) && query.matches(entry.keys)) found.add(entry);
      }
    }
    // Few matches: sort them; many: keep the list's order by walking it once.
    if (found.size * Math.log2(found.size + 1) < this.entries.length)
      return [...found].sort(byListOrder);
    return this.entries.filter((entry) => found.has(entry));
  }

  private remove(entry: DirectoryEntry): void {
    this.byId.delete(entry.view.id);
    const at = this.entries.indexOf(entry, Math.max(0, insertionIndex(this.entries, entry) - 1));
    if (at >= 0) this.entries.splice(at, 1);
    for (const key of entry.keys) {
      for (let i = lowerBound(this.index, key, (ref) => ref.key); i < this.index.length; i++) {
        if (this.index[i]!.key !== key) break;
        if (this.index[i]!.entry === entry) {
          this.index.splice(i, 1);
          break;
        }
      }
    }
  }
}
