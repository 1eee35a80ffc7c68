import { upstreamCreditNoteSchema, type CreditNoteView } from '@portico/contracts';
import { creditNoteCreated } from '@portico/testing';
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { creditNotesSectionView } from './credit-notes-section';

const note = (overrides: Record<string, unknown> = {}): CreditNoteView => {
  const data = upstreamCreditNoteSchema.parse(creditNoteCreated(overrides));
  return {
    ...data,
    invoice_number: data.invoice_number ?? null,
    credit_status: data.credit_status ?? null,
    refund_status: data.refund_status ?? null,
    description: data.description ?? null,
  };
};

test('rows link their invoice and PDF, in the locale; statuses only when known', () => {
  const view = creditNotesSectionView(
    [
      note({ id: 'cn/1', invoice_id: 'inv/1', invoice_number: 'INV-1', refund_status: 'failed' }),
      note({ id: 'cn-2', invoice_id: 'inv-2', invoice_number: null, credit_status: null }),
    ],
    2,
    '/p/t',
    'fr',
  );
  const [first, second] = view.rows;
  assert.equal(first!.invoiceHref, '/p/t/invoices/inv%2F1');
  assert.equal(first!.downloadHref, '/p/t/credit-notes/cn%2F1/pdf');
  assert.equal(first!.invoiceNumber, 'INV-1');
  assert.deepEqual(first!.statusKeys, [
    'credit_notes.credit_status.available',
    'credit_notes.refund_status.failed',
  ]);
  assert.equal(first!.issuingDate, '15 oct. 2026');
  assert.equal(second!.invoiceNumber, 'inv-2', 'without a number, the invoice id names it');
  assert.deepEqual(second!.statusKeys, []);
  assert.equal(view.more, null);
});

test('more than shown says how many of how many', () => {
  const view = creditNotesSectionView([note()], 12, '/p/t', 'en');
  assert.deepEqual(view.more, { shown: 1, total: 12 });
});
