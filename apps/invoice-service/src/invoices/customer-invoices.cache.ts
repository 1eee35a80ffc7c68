import type { CustomerInvoice } from './customer-invoices';

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
 * filters, search, pages, counts and totals are all computed from it. Entries are dropped when
 * the customer's invoices change (by this instance's writes and, through the broadcast, any
 * other's). A load that raced with a change is handed to its callers but not kept, so a cached
 * list is never older than the last invalidation.
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

  async get(key: string, load: () => Promise<CustomerInvoice[]>): Promise<CustomerInvoice[]> {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.loadedAt < this.options.maxAgeMs) {
      // Map order is insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.invoices;
    }
    if (entry) this.drop(key);
    const inFlight = this.loading.get(key);
    if (inFlight) return inFlight.promise;
    const loading: Loading = { promise: load(), stale: false };
    this.loading.set(key, loading);
    try {
      const invoices = await loading.promise;
      if (!loading.stale) this.keep(key, invoices);
      return invoices;
    } finally {
      if (this.loading.get(key) === loading) this.loading.delete(key);
    }
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
