import type { UpstreamInvoice } from '@portico/contracts';
import { upstreamInvoice } from '@portico/testing';
import type { InvoiceRecord } from '../apps/invoice-service/src/invoices/invoice-record';
import { storedInvoice } from '../apps/invoice-service/test/stored-invoices';

/**
 * Invoice `i` as the invoice-service stores it, for seeding a database: one plan line of 12 EUR,
 * issued on one of 2,000 consecutive days, so lists sort over many dates.
 */
export function benchInvoice(
  i: number,
  customer: string,
  overrides: Partial<UpstreamInvoice> = {},
  organizationId = 'org_bench',
): InvoiceRecord {
  const day = new Date(Date.UTC(2020, 0, 1) + (i % 2_000) * 86_400_000).toISOString().slice(0, 10);
  const invoice = upstreamInvoice({
    id: `up_${i}`,
    external_customer_id: customer,
    number: `INV-${String(i).padStart(7, '0')}`,
    issuing_date: day,
    payment_due_date: null,
    payment_dispute_lost_at: null,
    sub_total_excluding_taxes_amount_cents: 1_000,
    taxes_amount_cents: 200,
    total_amount_cents: 1_200,
    total_due_amount_cents: 1_200,
    fees: [{ description: 'Plan', units: 1, unit_amount_cents: 1_000, amount_cents: 1_000 }],
    updated_at: '2026-11-01T00:00:00Z',
    ...overrides,
  });
  return storedInvoice(invoice, organizationId);
}
