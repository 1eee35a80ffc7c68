import type { CurrencyTotals, InvoiceFilter, InvoiceSummary } from '@portico/contracts';
import type { InvoiceRecord } from './invoice-record';
import { toInvoiceSummary } from './invoice-views';

/** One visible invoice as the portal's list needs it: its summary and what filters and sums use. */
export interface CustomerInvoice {
  summary: InvoiceSummary;
  /** The stored revision it was made from: a patch never replaces a newer one with an older. */
  rev: number;
  /** `issuing_date|upstream_id`, the list order (descending) and the keyset cursor. */
  key: string;
  /** The number in lower case, once, rather than on every search of every request. */
  searchable: string;
  paid: boolean;
  outstanding: boolean;
  overdue: boolean;
  invoicedCents: number;
  outstandingCents: number;
  overdueCents: number;
}

export function toCustomerInvoice(record: InvoiceRecord): CustomerInvoice {
  return {
    summary: toInvoiceSummary(record),
    rev: record.rev,
    key: record.list_key,
    searchable: (record.document?.number ?? '').toLocaleLowerCase('en'),
    paid: record.is_paid,
    outstanding: record.is_outstanding,
    overdue: record.is_overdue,
    invoicedCents: record.invoiced_cents,
    outstandingCents: record.outstanding_due_cents,
    overdueCents: record.overdue_due_cents,
  };
}

/** Newest first, the order every list is served in. */
export function newestFirst(invoices: CustomerInvoice[]): CustomerInvoice[] {
  return invoices.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
}

/** What one write did to one customer's list: the invoice as stored, or gone from the list. */
export interface CustomerInvoicePatch {
  id: string;
  rev: number;
  /** Absent when the invoice left the list (no longer visible, or moved to another customer). */
  invoice?: CustomerInvoice;
}

/**
 * A new list with the patches applied, newest first still; the list given is not changed (it may
 * be in use, and its totals are memoized by identity). A patch older than what the list holds
 * is ignored, so applying patches to a list loaded after them changes nothing.
 */
export function patched(
  invoices: CustomerInvoice[],
  patches: CustomerInvoicePatch[],
): CustomerInvoice[] {
  const newest = new Map<string, CustomerInvoicePatch>();
  for (const patch of patches) {
    const known = newest.get(patch.id);
    if (!known || known.rev <= patch.rev) newest.set(patch.id, patch);
  }
  const result: CustomerInvoice[] = [];
  for (const invoice of invoices) {
    const patch = newest.get(invoice.summary.id);
    if (!patch) result.push(invoice);
    else if (patch.rev < invoice.rev) {
      result.push(invoice);
      newest.delete(invoice.summary.id);
    }
  }
  for (const { invoice } of newest.values()) {
    if (!invoice) continue;
    // Binary search for its place in newest-first order.
    let low = 0;
    let high = result.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (result[mid]!.key > invoice.key) low = mid + 1;
      else high = mid;
    }
    result.splice(low, 0, invoice);
  }
  return result;
}

const FILTERS: Record<InvoiceFilter, (invoice: CustomerInvoice) => boolean> = {
  all: () => true,
  paid: (invoice) => invoice.paid,
  unpaid: (invoice) => invoice.outstanding,
  overdue: (invoice) => invoice.overdue,
};

const filteredMemo = new WeakMap<CustomerInvoice[], Map<InvoiceFilter, CustomerInvoice[]>>();

/**
 * Search is literal and case-insensitive on the invoice number: `inv.1*` finds "INV.1*". The
 * answer is read, never changed: without a filter or search it is the list itself, and a filter's
 * matches are kept with the list (a cached list never changes), as its totals are, so the
 * portal's landing and filtered pages do not copy thousands of invoices per view.
 */
export function matching(
  invoices: CustomerInvoice[],
  filter: InvoiceFilter,
  search?: string,
): readonly CustomerInvoice[] {
  const needle = search?.toLocaleLowerCase('en');
  const keep = FILTERS[filter];
  if (needle) {
    return invoices.filter((invoice) => keep(invoice) && invoice.searchable.includes(needle));
  }
  if (filter === 'all') return invoices;
  let byFilter = filteredMemo.get(invoices);
  if (!byFilter) filteredMemo.set(invoices, (byFilter = new Map()));
  let matches = byFilter.get(filter);
  if (!matches) byFilter.set(filter, (matches = invoices.filter(keep)));
  return matches;
}

const totalsMemo = new WeakMap<CustomerInvoice[], CurrencyTotals[]>();

/**
 * Per currency, never mixing them; sorted by currency code. A cached list never changes (a change
 * replaces it), so its totals are computed once.
 */
export function totalsOf(invoices: CustomerInvoice[]): CurrencyTotals[] {
  const memo = totalsMemo.get(invoices);
  if (memo) return memo;
  const byCurrency = new Map<string, CurrencyTotals>();
  for (const invoice of invoices) {
    const currency = invoice.summary.currency;
    const totals = byCurrency.get(currency) ?? {
      currency,
      invoices_count: 0,
      total_invoiced_cents: 0,
      total_outstanding_cents: 0,
      total_overdue_cents: 0,
    };
    totals.invoices_count++;
    totals.total_invoiced_cents += invoice.invoicedCents;
    totals.total_outstanding_cents += invoice.outstandingCents;
    totals.total_overdue_cents += invoice.overdueCents;
    byCurrency.set(currency, totals);
  }
  const totals = [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
  totalsMemo.set(invoices, totals);
  return totals;
}
