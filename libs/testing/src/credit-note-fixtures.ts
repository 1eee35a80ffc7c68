import { randomUUID } from 'node:crypto';

let sequence = 0;

/** A credit note as `credit_note.created` carries it (Portico's contract), with overrides. */
export function upstreamCreditNoteData(overrides: Record<string, unknown> = {}) {
  sequence++;
  return {
    id: randomUUID(),
    external_customer_id: 'cus_a',
    number: `CN-2026-${String(sequence).padStart(4, '0')}`,
    invoice_id: randomUUID(),
    invoice_number: 'INV-2026-0001',
    issuing_date: '2026-10-15',
    credit_status: 'available',
    refund_status: null,
    reason: 'product_unsatisfactory',
    description: 'Outage on 12 October',
    currency: 'EUR',
    sub_total_excluding_taxes_amount_cents: 2_500,
    taxes_amount_cents: 500,
    total_amount_cents: 3_000,
    credit_amount_cents: 3_000,
    refund_amount_cents: 0,
    balance_amount_cents: 3_000,
    items: [{ description: 'Pro plan', amount_cents: 2_500 }],
    updated_at: '2026-10-15T08:00:00Z',
    ...overrides,
  };
}

/** Lago's credit note object, as its credit_note.* webhooks carry it. */
export function lagoCreditNote(
  options: { lagoId?: string; lagoInvoiceId?: string; externalCustomerId?: string } = {},
) {
  const lagoId = options.lagoId ?? randomUUID();
  return {
    lago_id: lagoId,
    billing_entity_code: 'hooli_eu',
    sequential_id: 1,
    number: `HOO-CN-${lagoId.slice(0, 4).toUpperCase()}`,
    lago_invoice_id: options.lagoInvoiceId ?? randomUUID(),
    invoice_number: 'HOO-001-002',
    issuing_date: '2026-11-05',
    credit_status: 'available',
    refund_status: 'pending',
    reason: 'duplicated_charge',
    description: null,
    currency: 'EUR',
    total_amount_cents: 1_200,
    taxes_amount_cents: 200,
    taxes_rate: 20,
    sub_total_excluding_taxes_amount_cents: 1_000,
    balance_amount_cents: 600,
    credit_amount_cents: 600,
    refund_amount_cents: 600,
    offset_amount_cents: 0,
    coupons_adjustment_amount_cents: 0,
    created_at: '2026-11-05T10:00:00Z',
    updated_at: '2026-11-05T10:00:00Z',
    file_url: null,
    customer: { lago_id: randomUUID(), external_id: options.externalCustomerId ?? 'cus_lago_42' },
    items: [
      {
        lago_id: randomUUID(),
        amount_cents: 1_000,
        amount_currency: 'EUR',
        fee: {
          lago_id: randomUUID(),
          invoice_display_name: null,
          item: { type: 'subscription', code: 'startup', name: 'Startup plan' },
        },
      },
    ],
    applied_taxes: [],
  };
}
