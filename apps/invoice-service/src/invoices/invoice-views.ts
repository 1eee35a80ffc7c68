import type { InvoiceDetail, InvoiceSummary } from '@portico/contracts';
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

export function toInvoiceDetail(record: InvoiceRecord): InvoiceDetail {
  return { ...toInvoiceSummary(record), fees: record.document!.fees };
}
