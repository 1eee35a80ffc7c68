import {
  INVOICE_FILTERS,
  LOCALES,
  type CurrencyTotals,
  type InvoiceFilter,
  type InvoiceSummary,
  type PortalOrganization,
} from '@portico/contracts';
import { formatDate, formatMoney } from '@portico/i18n';
import type { PortalFrameView } from './portal-frame';
import type { PlacedSections } from './portal-section-loader';

export interface PortalQuery {
  filter: InvoiceFilter;
  search: string;
  cursor?: string;
}

export interface InvoiceRowView {
  id: string;
  number: string;
  issuingDate: string;
  dueDate: string | null;
  typeLabel: string;
  amount: string;
  amountDue: string;
  badge: string;
  badgeLabel: string;
  downloadHref: string;
  detailsHref: string;
}

export interface ResultsView {
  state: 'list' | 'empty' | 'no-match';
  rows: InvoiceRowView[];
  from: number;
  to: number;
  total: number;
  nextHref: string | null;
  prevHref: string | null;
  resetHref: string;
}

export interface InvoicesPageView extends PortalFrameView, PlacedSections {
  filterParam: string | null;
  search: string;
  totals: {
    currency: string;
    invoiced: string;
    outstanding: string;
    overdue: string;
    hasOverdue: boolean;
    count: number;
  }[];
  filters: { value: InvoiceFilter; label: string; href: string; current: boolean }[];
  results: ResultsView;
}

export interface ErrorPageView {
  lang: string;
  dir: 'ltr' | 'rtl';
  assetVersion: string;
  code: string;
  /** What the page tells the host window: a dead link (`expired`, `invalid`) or nothing. */
  signal: 'expired' | 'invalid' | '';
  state: string;
  title: string;
  body: string;
  retry: boolean;
}

export function directionOf(lang: string): 'ltr' | 'rtl' {
  return LOCALES.find((l) => l.code === lang)?.direction ?? 'ltr';
}

/** `?filter=…&search=…&cursor=…`, or nothing; defaults are left out to keep URLs short. */
function queryOf(query: Partial<PortalQuery>): string {
  const params = new URLSearchParams();
  if (query.filter && query.filter !== 'all') params.set('filter', query.filter);
  if (query.search) params.set('search', query.search);
  if (query.cursor) params.set('cursor', query.cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A link to this page with other query parameters. */
export function pageHref(basePath: string, query: Partial<PortalQuery>): string {
  return `${basePath}${queryOf(query)}`;
}

/**
 * A link from the list to one of its invoices, relative to the page's `<base href>` (the
 * session's base path with a slash, layout.hbs): the token is some 320 characters, and written
 * into the two links of every row it was 40% of the page's bytes.
 */
export function invoiceHref(invoiceId: string, rest = ''): string {
  return `invoices/${encodeURIComponent(invoiceId)}${rest}`;
}

/** The link to an invoice's page from the list: it carries the list's filter, search and page. */
export function invoiceDetailsHref(invoiceId: string, list: PortalQuery): string {
  return invoiceHref(invoiceId, queryOf(list));
}

export function resultsView(
  basePath: string,
  query: PortalQuery,
  page: {
    invoices: InvoiceSummary[];
    next_cursor: string | null;
    previous_cursor: string | null;
    total_count: number;
    offset: number;
  },
  lang: string,
  customerHasInvoices: boolean,
): ResultsView {
  const rows = page.invoices.map((invoice): InvoiceRowView => ({
    id: invoice.id,
    number: invoice.number,
    issuingDate: formatDate(invoice.issuing_date, lang),
    dueDate:
      invoice.payment_due_date && invoice.badge !== 'paid' && invoice.status !== 'voided'
        ? formatDate(invoice.payment_due_date, lang)
        : null,
    typeLabel: `common.invoice_type.${invoice.invoice_type}`,
    amount: formatMoney(invoice.total_amount_cents, invoice.currency, lang),
    amountDue: formatMoney(invoice.total_due_amount_cents, invoice.currency, lang),
    badge: badgeOf(invoice),
    badgeLabel: `common.badge.${badgeOf(invoice)}`,
    downloadHref: invoiceHref(invoice.id, '/pdf'),
    detailsHref: invoiceDetailsHref(invoice.id, query),
  }));
  const filtered = query.filter !== 'all' || query.search !== '';
  return {
    state: rows.length > 0 ? 'list' : filtered && customerHasInvoices ? 'no-match' : 'empty',
    rows,
    from: page.offset + 1,
    to: page.offset + rows.length,
    total: page.total_count,
    nextHref: page.next_cursor ? pageHref(basePath, { ...query, cursor: page.next_cursor }) : null,
    prevHref: page.previous_cursor
      ? pageHref(basePath, { ...query, cursor: page.previous_cursor })
      : null,
    resetHref: basePath,
  };
}

/** A voided invoice is owed by no one: it says so rather than showing a payment badge. */
function badgeOf(invoice: InvoiceSummary): string {
  return invoice.status === 'voided' ? 'voided' : invoice.badge;
}

export function totalsView(totals: CurrencyTotals[], lang: string): InvoicesPageView['totals'] {
  return totals.map((row) => ({
    currency: row.currency,
    invoiced: formatMoney(row.total_invoiced_cents, row.currency, lang),
    outstanding: formatMoney(row.total_outstanding_cents, row.currency, lang),
    overdue: formatMoney(row.total_overdue_cents, row.currency, lang),
    hasOverdue: row.total_overdue_cents > 0,
    count: row.invoices_count,
  }));
}

export function filtersView(basePath: string, query: PortalQuery): InvoicesPageView['filters'] {
  return INVOICE_FILTERS.map((value) => ({
    value,
    label: `portal.filters.${value}`,
    href: pageHref(basePath, { filter: value, search: query.search }),
    current: value === query.filter,
  }));
}

export function organizationName(organization: PortalOrganization): string {
  return organization.display_name ?? organization.name;
}
