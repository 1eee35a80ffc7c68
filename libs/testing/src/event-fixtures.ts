import { randomUUID } from 'node:crypto';

/** An event envelope on billing.events, as an upstream system publishes it. */
export function eventEnvelope(type: string, organizationId: string, data: Record<string, unknown>) {
  return {
    id: `evt_${randomUUID()}`,
    type,
    organization_id: organizationId,
    occurred_at: new Date().toISOString(),
    data,
  };
}

/** A finalized invoice payload (`invoice.created` / `invoice.updated`); override any field. */
export function invoicePayload(overrides: Record<string, unknown> = {}) {
  const id = `up_${randomUUID().slice(0, 12)}`;
  return {
    id,
    external_customer_id: 'cus_fixture',
    number: `INV-${id.slice(3, 11).toUpperCase()}`,
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
      { description: 'Pro plan', units: '1', unit_amount_cents: 10_000, amount_cents: 10_000 },
    ],
    updated_at: '2026-10-01T08:00:00Z',
    ...overrides,
  };
}
