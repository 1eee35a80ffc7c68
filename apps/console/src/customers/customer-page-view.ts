import type { CurrencyTotals, CustomerView, InvoiceSummary } from '@portico/contracts';
import { formatDate, formatMoney } from '@portico/i18n';
import { nativeName } from '../rendering/ui-language';

export const CUSTOMER_TABS = ['overview', 'invoices', 'information', 'settings'] as const;
export type CustomerTab = (typeof CUSTOMER_TABS)[number];

export function customerPath(externalId: string): string {
  return `/customers/${encodeURIComponent(externalId)}`;
}

export function tabsView(externalId: string, current: CustomerTab) {
  return CUSTOMER_TABS.map((tab) => ({
    tab,
    label: `console.customer.tabs.${tab}`,
    href: `${customerPath(externalId)}?tab=${tab}`,
    current: tab === current,
  }));
}

export function invoiceRows(invoices: InvoiceSummary[], externalId: string, lang: string) {
  return invoices.map((invoice) => {
    const badge = invoice.status === 'voided' ? 'voided' : invoice.badge;
    return {
      id: invoice.id,
      number: invoice.number,
      issuingDate: formatDate(invoice.issuing_date, lang),
      amount: formatMoney(invoice.total_amount_cents, invoice.currency, lang),
      amountDue: formatMoney(invoice.total_due_amount_cents, invoice.currency, lang),
      badge,
      badgeLabel: `common.badge.${badge}`,
      pdfHref: `${customerPath(externalId)}/invoices/${encodeURIComponent(invoice.id)}/pdf`,
    };
  });
}

export function totalsRows(totals: CurrencyTotals[], lang: string) {
  return totals.map((row) => ({
    currency: row.currency,
    count: row.invoices_count,
    invoiced: formatMoney(row.total_invoiced_cents, row.currency, lang),
    outstanding: formatMoney(row.total_outstanding_cents, row.currency, lang),
    overdue: formatMoney(row.total_overdue_cents, row.currency, lang),
  }));
}

/** The document language as the console shows it: the customer's own, or the inherited one. */
export function documentLanguageView(customer: CustomerView, organizationLocale: string) {
  const own = customer.billing_configuration.document_locale;
  return {
    code: own ?? organizationLocale,
    name: nativeName(own ?? organizationLocale),
    inherited: own === null,
  };
}
