import type { CustomerView, Fee, InvoiceSummary, LagoFee, LagoInvoice } from '@portico/contracts';
import type { InvoiceRecord } from './invoice-record';

/** Only visible records get here, so the document and status are always present. */
export function toInvoiceSummary(record: InvoiceRecord): InvoiceSummary {
  const doc = record.document!;
  return {
    id: record.upstream_id,
    number: doc.number,
    external_customer_id: record.external_customer_id,
    issuing_date: doc.issuing_date,
    payment_due_date: doc.payment_due_date,
    status: record.status!,
    payment_status: record.payment_status ?? 'pending',
    payment_overdue: record.payment_overdue ?? false,
    payment_dispute_lost_at: doc.payment_dispute_lost_at,
    invoice_type: doc.invoice_type,
    currency: doc.currency,
    sub_total_excluding_taxes_amount_cents: doc.sub_total_excluding_taxes_amount_cents,
    taxes_amount_cents: doc.taxes_amount_cents,
    total_amount_cents: doc.total_amount_cents,
    total_due_amount_cents:
      doc.total_due_amount_cents ?? (record.badge === 'paid' ? 0 : doc.total_amount_cents),
    badge: record.badge,
    updated_at: record.updated_at.toISOString(),
  };
}

/**
 * Lago's invoice object (see lagoInvoiceSchema): what Portico stores, under Lago's names and
 * types, and null or empty for what it never receives. Lists leave the line items out, as Lago's.
 */
export function toLagoInvoice(
  record: InvoiceRecord,
  customer: CustomerView | null,
  { withFees }: { withFees: boolean },
): LagoInvoice {
  const summary = toInvoiceSummary(record);
  const doc = record.document!;
  const fees = doc.fees;
  return {
    id: summary.id,
    lago_id: summary.id,
    sequential_id: null,
    number: summary.number,
    external_customer_id: summary.external_customer_id,
    issuing_date: summary.issuing_date,
    payment_due_date: summary.payment_due_date,
    payment_dispute_lost_at: summary.payment_dispute_lost_at,
    payment_overdue: summary.payment_overdue,
    net_payment_term: null,
    invoice_type: summary.invoice_type,
    status: summary.status,
    payment_status: summary.payment_status,
    currency: summary.currency,
    // A list is read without line items: their sum is only known where they are.
    fees_amount_cents:
      withFees && fees && fees.length > 0
        ? fees.reduce((sum, fee) => sum + fee.amount_cents, 0)
        : null,
    taxes_amount_cents: summary.taxes_amount_cents,
    progressive_billing_credit_amount_cents: doc.progressive_billing_credit_amount_cents ?? null,
    coupons_amount_cents: doc.coupons_amount_cents ?? null,
    credit_notes_amount_cents: doc.credit_notes_amount_cents ?? null,
    prepaid_credit_amount_cents: doc.prepaid_credit_amount_cents ?? null,
    sub_total_excluding_taxes_amount_cents: summary.sub_total_excluding_taxes_amount_cents,
    // Lago's definition: the subtotal plus the taxes on it.
    sub_total_including_taxes_amount_cents:
      summary.sub_total_excluding_taxes_amount_cents + summary.taxes_amount_cents,
    total_amount_cents: summary.total_amount_cents,
    total_due_amount_cents: summary.total_due_amount_cents,
    total_paid_amount_cents: null,
    file_url: null,
    xml_url: null,
    version_number: null,
    self_billed: false,
    badge: summary.badge,
    created_at: null,
    updated_at: summary.updated_at,
    customer,
    metadata: [],
    applied_taxes: [],
    credits: [],
    subscriptions: [],
    billing_periods: [],
    applied_invoice_custom_sections: [],
    error_details: [],
    ...(withFees && { fees: (fees ?? []).map((fee) => toLagoFee(fee, summary.currency)) }),
  };
}

function toLagoFee(fee: Fee, currency: string): LagoFee {
  return {
    lago_id: null,
    description: fee.description,
    invoice_display_name: null,
    units: String(fee.units),
    unit_amount_cents: fee.unit_amount_cents,
    amount_cents: fee.amount_cents,
    amount_currency: currency,
    taxes_amount_cents: null,
    total_amount_cents: null,
  };
}
