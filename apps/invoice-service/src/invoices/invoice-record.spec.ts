import type { UpstreamInvoice } from '@portico/contracts';
import { upstreamInvoice } from '@portico/testing';
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import type { InvoiceChange } from './invoice-change';
import { applyChange, derive, emptyState } from './invoice-record';

const invoice = (overrides: Partial<UpstreamInvoice> = {}): UpstreamInvoice =>
  upstreamInvoice({
    id: 'inv_up_1',
    external_customer_id: 'cus_1',
    number: 'INV-001',
    issuing_date: '2026-11-01',
    payment_due_date: '2026-11-15',
    payment_dispute_lost_at: null,
    fees: [],
    updated_at: '2026-11-01T10:00:00Z',
    ...overrides,
  });
const base = { organizationId: 'org_1', upstreamId: 'inv_up_1', externalCustomerId: 'cus_1' };
const documentChange = (at: string, overrides: Partial<UpstreamInvoice> = {}): InvoiceChange => ({
  ...base,
  kind: 'document',
  version: new Date(at),
  invoice: invoice({ updated_at: at, ...overrides }),
});
const paid = (at: string): InvoiceChange => ({
  ...base,
  kind: 'payment_status',
  version: new Date(at),
  paymentStatus: 'succeeded',
});

function replay(changes: InvoiceChange[]) {
  const state = emptyState(changes[0]!);
  for (const change of changes) applyChange(state, change);
  return derive(state);
}

describe('applying invoice events', () => {
  test('a replayed event changes nothing', () => {
    const change = documentChange('2026-11-01T10:00:00Z');
    const state = emptyState(change);
    assert.equal(applyChange(state, change), true);
    assert.equal(applyChange(state, change), false);
  });

  test('line items left out keep the stored ones; an older event that has them fills them in', () => {
    const fee = { description: 'Pro', units: 1, unit_amount_cents: 100, amount_cents: 100 };
    const kept = replay([
      documentChange('2026-11-01T10:00:00Z', { fees: [fee] }),
      documentChange('2026-11-02T10:00:00Z', { fees: undefined, number: 'INV-NEWER' }),
    ]);
    assert.equal(kept.number, 'INV-NEWER');
    assert.deepEqual(kept.document!.fees, [fee]);
    const filledIn = replay([
      documentChange('2026-11-02T10:00:00Z', { fees: undefined, number: 'INV-NEWER' }),
      documentChange('2026-11-01T10:00:00Z', { fees: [fee], number: 'INV-OLDER' }),
    ]);
    assert.equal(filledIn.number, 'INV-NEWER');
    assert.deepEqual(filledIn.document!.fees, [fee]);
    const legacy = emptyState(documentChange('2026-11-01T10:00:00Z'));
    applyChange(legacy, documentChange('2026-11-02T10:00:00Z', { fees: [fee] }));
    delete legacy.fees_version;
    assert.equal(applyChange(legacy, documentChange('2026-11-01T10:00:00Z', { fees: [] })), false);
  });

  test('an older update never overwrites a newer one', () => {
    const record = replay([
      documentChange('2026-11-02T10:00:00Z', { number: 'INV-NEW' }),
      documentChange('2026-11-01T10:00:00Z', { number: 'INV-OLD' }),
    ]);
    assert.equal(record.number, 'INV-NEW');
  });

  test('a payment update before its invoice is kept and wins over the older invoice event', () => {
    const record = replay([paid('2026-11-03T10:00:00Z'), documentChange('2026-11-01T10:00:00Z')]);
    assert.equal(record.payment_status, 'succeeded');
    assert.equal(record.badge, 'paid');
    assert.equal(record.visible, true);
  });

  test('a payment update alone is not visible: there is no invoice to show yet', () => {
    assert.equal(replay([paid('2026-11-03T10:00:00Z')]).visible, false);
  });

  test('drafts, failed and pending invoices are hidden; voided ones stay visible but are not owed', () => {
    assert.equal(
      replay([documentChange('2026-11-01T10:00:00Z', { status: 'draft' })]).visible,
      false,
    );
    assert.equal(
      replay([documentChange('2026-11-01T10:00:00Z', { status: 'failed' })]).visible,
      false,
    );
    const voided = replay([
      documentChange('2026-11-01T10:00:00Z'),
      { ...base, kind: 'voided', version: new Date('2026-11-02T10:00:00Z') },
    ]);
    assert.equal(voided.visible, true);
    assert.equal(voided.status, 'voided');
    assert.equal(voided.is_outstanding, false);
    assert.equal(voided.invoiced_cents, 0);
  });

  test('the badge: overdue, then paid, then disputed, then unpaid', () => {
    const at = '2026-11-01T10:00:00Z';
    assert.equal(
      replay([documentChange(at, { payment_overdue: true, payment_status: 'succeeded' })]).badge,
      'overdue',
    );
    assert.equal(
      replay([documentChange(at, { payment_status: 'succeeded', payment_dispute_lost_at: at })])
        .badge,
      'paid',
    );
    assert.equal(replay([documentChange(at, { payment_dispute_lost_at: at })]).badge, 'disputed');
    assert.equal(replay([documentChange(at)]).badge, 'unpaid');
  });

  test('amounts for totals: overdue and outstanding use the amount due', () => {
    const record = replay([
      documentChange('2026-11-01T10:00:00Z', {
        payment_overdue: true,
        total_due_amount_cents: 5_000,
      }),
    ]);
    assert.equal(record.invoiced_cents, 12_000);
    assert.equal(record.outstanding_due_cents, 5_000);
    assert.equal(record.overdue_due_cents, 5_000);
  });

  test('newest first: the list key sorts by issuing date, then upstream id', () => {
    const record = replay([documentChange('2026-11-01T10:00:00Z')]);
    assert.equal(record.list_key, '2026-11-01|inv_up_1');
  });
});
