import { patched, type CustomerInvoice, type CustomerInvoicePatch } from './customer-invoices';

export function customerKey(organizationId: string, externalCustomerId: string): string {
  return `${organizationId}\u0000${externalCustomerId}`;
}

interface Entry {
  invoices: CustomerInvoice[];
  loadedAt: number;
}

interface Loading {
  promise: Promise<CustomerInvoice[]>;
  stale: boolean;
  /** This instance's writes that landed while the load ran: applied to its result. */
  patches: CustomerInvoicePatch[];
}

export interface CustomerInvoicesCacheOptions {
  /** Invoices held in all; least recently used customers are dropped beyond it. */
  maxInvoices: number;
  /** A backstop only: changes invalidate entries at once (`portico.invoices.changed`). */
  maxAgeMs: number;
  now?: () => number;
}

/**
 * Each customer's visible invoices, loaded once and then served from memory: the portal's
 * filters, search, pages, counts and totals are all computed from it. This instance's writes
 * patch the list in place (the writer knows exactly what it stored), a load in progress
 * included, so a big customer whose invoices change every second stays cached. Another
 * instance's writes (the broadcast) drop the entry; a load that raced with such a drop is handed
 * to its callers but not kept, so a cached list is never older than the last invalidation.
 */
export class CustomerInvoicesCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Loading>();
  private held = 0;
  private readonly now: () => number;

  constructor(private readonly options: CustomerInvoicesCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): { customers: number; invoices: number } {
    return { customers: this.entries.size, invoices: this.held };
  }

  /** The cached list if there is a fresh one; never loads. */
  peek(key: string): CustomerInvoice[] | undefined {
    const entry = this.entries.get(key);
    return entry && this.now() - entry.loadedAt < this.options.maxAgeMs
      ? entry.invoices
      : undefined;
  }

  /** Whether the list is in memory or being loaded: a read would not wait for a fresh load. */
  holds(key: string): boolean {
    return this.peek(key) !== undefined || this.loading.has(key);
  }

  async get(key: string, load: () => Promise<CustomerInvoice[]>): Promise<CustomerInvoice[]> {
    const entry = this.entries.get(key);
    const age = entry ? this.now() - entry.loadedAt : Infinity;
    if (entry && age < this.options.maxAgeMs) {
      // Map order is insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.invoices;
    }
    if (entry && age < 2 * this.options.maxAgeMs) {
      // Past the backstop, but no change was announced since it loaded (that would have dropped
      // it): served while it reloads, as a big customer's reload can outlast a caller's wait.
      if (!this.loading.has(key)) this.startLoad(key, load).catch(() => undefined);
      return entry.invoices;
    }
    if (entry) this.drop(key);
    return this.loading.get(key)?.promise ?? this.startLoad(key, load);
  }

  /** Loads the list, kept unless invalidated meanwhile; concurrent readers share the load. */
  private async startLoad(
    key: string,
    load: () => Promise<CustomerInvoice[]>,
  ): Promise<CustomerInvoice[]> {
    const loading: Loading = { promise: undefined!, stale: false, patches: [] };
    // Everyone waiting on this load gets it with the writes made meanwhile applied.
    loading.promise = load().then((invoices) =>
      loading.patches.length > 0 ? patched(invoices, loading.patches) : invoices,
    );
    this.loading.set(key, loading);
    try {
      const invoices = await loading.promise;
      if (!loading.stale) this.keep(key, invoices);
      return invoices;
    } finally {
      if (this.loading.get(key) === loading) this.loading.delete(key);
    }
  }

  /** Applies this instance's writes to the customer's list, cached or being loaded. */
  patch(key: string, patches: CustomerInvoicePatch[]): void {
    if (patches.length === 0) return;
    this.loading.get(key)?.patches.push(...patches);
    const entry = this.entries.get(key);
    if (!entry) return;
    const invoices = patched(entry.invoices, patches);
    this.held += invoices.length - entry.invoices.length;
    this.entries.set(key, { invoices, loadedAt: entry.loadedAt });
  }

  invalidate(key: string): void {
    this.drop(key);
    const inFlight = this.loading.get(key);
    if (inFlight) {
      inFlight.stale = true;
      this.loading.delete(key);
    }
  }

  private keep(key: string, invoices: CustomerInvoice[]): void {
    this.drop(key);
    this.entries.set(key, { invoices, loadedAt: this.now() });
    this.held += invoices.length;
    for (const [oldest, entry] of this.entries) {
      if (this.held <= this.options.maxInvoices || oldest === key) break;
      this.entries.delete(oldest);
      this.held -= entry.invoices.length;
    }
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.held -= entry.invoices.length;
  }
}
