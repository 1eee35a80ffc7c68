import { randomUUID } from 'node:crypto';

let sequence = 0;

/** An invoice as `invoice.created` carries it (Portico's contract), with overridable fields. */
export function upstreamInvoiceData(overrides: Record<string, unknown> = {}) {
  sequence++;
  return {
    id: randomUUID(),
    external_customer_id: 'cus_a',
    number: `INV-2026-${String(sequence).padStart(4, '0')}`,
    issuing_date: '2026-10-01',
    payment_due_date: '2026-10-31',
    status: 'finalized',
    payment_status: 'pending',
    payment_overdue: false,
    invoice_type: 'subscription',
    currency: 'EUR',
    sub_total_excluding_taxes_amount_cents: 10_000,
    taxes_amount_cents: 2_000,
    total_amount_cents: 12_000,
    total_due_amount_cents: 12_000,
    fees: [
      { description: 'Pro plan', units: '1.5', unit_amount_cents: 6_000, amount_cents: 9_000 },
      { description: 'Seats', units: '2', unit_amount_cents: 500, amount_cents: 1_000 },
    ],
    updated_at: '2026-10-01T08:00:00Z',
    ...overrides,
  };
}

/** The envelope of an event published on `billing.events`. */
export function billingEvent(type: string, organizationId: string, data: unknown) {
  return {
    id: `evt_${randomUUID()}`,
    type,
    organization_id: organizationId,
    occurred_at: new Date().toISOString(),
    data,
  };
}
