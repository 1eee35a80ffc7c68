import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { invoiceDetail } from '../../../test/in-process-gateway';
import { invoiceDetailsHref } from '../portal-page-view';
import { invoiceDetailsView } from './invoice-details-view';

const list = { filter: 'unpaid' as const, search: 'a&b', cursor: 'c1' };
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

test('the link from the list carries its filter, search and page; the back link returns there', () => {
  const href = invoiceDetailsHref('inv/1', list);
  assert.equal(href, 'invoices/inv%2F1?filter=unpaid&search=a%26b&cursor=c1', 'relative to <base>');
  const view = invoiceDetailsView(invoiceDetail({ id: 'inv/1' }), '/p/t', list, 'en');
  assert.equal(view.backHref, '/p/t?filter=unpaid&search=a%26b&cursor=c1');
  assert.equal(view.downloadHref, '/p/t/invoices/inv%2F1/pdf');
  assert.equal(invoiceDetailsHref('x', { filter: 'all', search: '' }), 'invoices/x');
});

test('every line with units, unit price and amount in the locale; credits only when applied', () => {
  const invoice = invoiceDetail({
    currency: 'EUR',
    fees: [
      {
        ...invoiceDetail().fees![0]!,
        description: 'Seats',
        units: '1.5',
        unit_amount_cents: 1_000,
        amount_cents: 1_500,
      },
    ],
    sub_total_excluding_taxes_amount_cents: 1_500,
    taxes_amount_cents: 300,
    total_amount_cents: 1_800,
    prepaid_credit_amount_cents: 800,
    coupons_amount_cents: 0,
    credit_notes_amount_cents: null,
    total_due_amount_cents: 1_000,
  });
  const view = invoiceDetailsView(invoice, '/p/t', list, 'fr');
  assert.deepEqual(
    view.lines.map((line) => ({
      ...line,
      unitPrice: plain(line.unitPrice),
      amount: plain(line.amount),
    })),
    [{ description: 'Seats', units: '1,5', unitPrice: '10,00 €', amount: '15,00 €' }],
  );
  assert.deepEqual(
    view.amounts.map((a) => [a.key, plain(a.value), a.deduction]),
    [
      ['sub_total', '15,00 €', false],
      ['taxes', '3,00 €', false],
      ['total', '18,00 €', false],
      ['prepaid_credit', '8,00 €', true],
      ['amount_due', '10,00 €', false],
    ],
  );
});

test('a due date only while owed; a voided invoice says so', () => {
  const unpaid = invoiceDetailsView(invoiceDetail({ badge: 'unpaid' }), '/p/t', list, 'en');
  assert.ok(unpaid.dueDate);
  const paid = invoiceDetailsView(invoiceDetail({ badge: 'paid' }), '/p/t', list, 'en');
  assert.equal(paid.dueDate, null);
  const voided = invoiceDetailsView(invoiceDetail({ status: 'voided' }), '/p/t', list, 'en');
  assert.equal(voided.badge, 'voided');
  assert.equal(voided.dueDate, null);
});
