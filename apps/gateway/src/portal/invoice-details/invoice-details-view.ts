import type { LagoInvoice } from '@portico/contracts';
import { formatDate, formatMoney, formatNumber } from '@portico/i18n';
import type { PortalFrameView } from '../portal-frame';
import { pageHref, type PortalQuery } from '../portal-page-view';

export interface InvoiceLineView {
  description: string;
  units: string;
  unitPrice: string;
  amount: string;
}

export interface InvoiceAmountView {
  /** Names the row for tests and styles (`total`, `amount_due`…). */
  key: string;
  label: string;
  value: string;
  /** A credit taken off the total: shown as a deduction. */
  deduction: boolean;
}

export interface InvoiceDetailsView {
  id: string;
  number: string;
  typeLabel: string;
  badge: string;
  badgeLabel: string;
  issuingDate: string;
  dueDate: string | null;
  disputeLostDate: string | null;
  lines: InvoiceLineView[];
  amounts: InvoiceAmountView[];
  /** This page, without the list's query. */
  selfHref: string;
  downloadHref: string;
  backHref: string;
}

/** What `views/invoice-details.hbs` renders. */
export interface InvoiceDetailsPageView extends PortalFrameView, InvoiceDetailsView {
  /** The "Pay now" form, when the invoice is owed and has a payment page. */
  payNow: { action: string; formToken: string } | null;
}

/** "Pay now" is offered on what is still owed: finalized, and unpaid or overdue. */
export function isPayable(invoice: LagoInvoice): boolean {
  return (
    invoice.status === 'finalized' && (invoice.badge === 'unpaid' || invoice.badge === 'overdue')
  );
}

/** Credits Lago takes off the total before the amount due, in the order its invoice shows them. */
const CREDITS = [
  ['progressive_billing_credit_amount_cents', 'progressive_billing_credit'],
  ['coupons_amount_cents', 'coupons'],
  ['credit_notes_amount_cents', 'credit_notes'],
  ['prepaid_credit_amount_cents', 'prepaid_credit'],
] as const;

/** One invoice as its page shows it; `list` is the list it was opened from (for the back link). */
export function invoiceDetailsView(
  invoice: LagoInvoice,
  basePath: string,
  list: PortalQuery,
  lang: string,
): InvoiceDetailsView {
  const money = (cents: number) => formatMoney(cents, invoice.currency, lang);
  const badge = invoice.status === 'voided' ? 'voided' : invoice.badge;
  const owed = badge !== 'paid' && badge !== 'voided';
  const amounts: InvoiceAmountView[] = [
    row('sub_total', money(invoice.sub_total_excluding_taxes_amount_cents)),
    row('taxes', money(invoice.taxes_amount_cents)),
    row('total', money(invoice.total_amount_cents)),
  ];
  for (const [field, key] of CREDITS) {
    const cents = invoice[field];
    if (cents) amounts.push({ ...row(key, money(cents)), deduction: true });
  }
  amounts.push(row('amount_due', money(invoice.total_due_amount_cents)));
  return {
    id: invoice.id,
    number: invoice.number,
    typeLabel: `common.invoice_type.${invoice.invoice_type}`,
    badge,
    badgeLabel: `common.badge.${badge}`,
    issuingDate: formatDate(invoice.issuing_date, lang),
    dueDate: invoice.payment_due_date && owed ? formatDate(invoice.payment_due_date, lang) : null,
    disputeLostDate: invoice.payment_dispute_lost_at
      ? formatDate(invoice.payment_dispute_lost_at, lang)
      : null,
    lines: (invoice.fees ?? []).map((fee) => ({
      description: fee.description,
      units: formatNumber(Number(fee.units), lang),
      unitPrice: money(fee.unit_amount_cents),
      amount: money(fee.amount_cents),
    })),
    amounts,
    selfHref: `${basePath}/invoices/${encodeURIComponent(invoice.id)}`,
    downloadHref: `${basePath}/invoices/${encodeURIComponent(invoice.id)}/pdf`,
    backHref: pageHref(basePath, list),
  };
}

function row(key: string, value: string): InvoiceAmountView {
  return { key, label: `invoice_details.amounts.${key}`, value, deduction: false };
}
