import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { matching, type CustomerInvoice } from './customer-invoices';

function invoice(i: number): CustomerInvoice {
  return {
    summary: { id: `inv_${i}`, currency: 'EUR' } as CustomerInvoice['summary'],
    rev: 1,
    key: `2026-01-${String(60 - i).padStart(2, '0')}|inv_${i}`,
    searchable: `inv-${i}`,
    paid: i % 3 === 0,
    outstanding: i % 3 !== 0,
    overdue: i % 5 === 0,
    invoicedCents: 100,
    outstandingCents: i % 3 === 0 ? 0 : 100,
    overdueCents: i % 5 === 0 ? 100 : 0,
  };
}

const naive = (list: CustomerInvoice[], keep: (i: CustomerInvoice) => boolean) =>
  list.filter(keep).map((i) => i.summary.id);
const ids = (list: readonly CustomerInvoice[]) => list.map((i) => i.summary.id);

test('matching: each filter and search gives what a plain filter gives, again and again', () => {
  const list = Array.from({ length: 40 }, (_, i) => invoice(i));
  const before = ids(list);
  for (let round = 0; round < 2; round++) {
    assert.deepEqual(ids(matching(list, 'all')), before);
    assert.deepEqual(ids(matching(list, 'all', '')), before);
    assert.deepEqual(
      ids(matching(list, 'paid')),
      naive(list, (i) => i.paid),
    );
    assert.deepEqual(
      ids(matching(list, 'unpaid')),
      naive(list, (i) => i.outstanding),
    );
    assert.deepEqual(
      ids(matching(list, 'overdue')),
      naive(list, (i) => i.overdue),
    );
    assert.deepEqual(
      ids(matching(list, 'all', 'INV-1')),
      naive(list, (i) => /inv-1/.test(i.searchable)),
    );
    assert.deepEqual(
      ids(matching(list, 'unpaid', 'inv-2')),
      naive(list, (i) => i.outstanding && i.searchable.includes('inv-2')),
    );
  }
  assert.deepEqual(ids(list), before, 'the list itself is never changed');
});

test('matching: another list (a change replaces the cached one) is filtered afresh', () => {
  const first = Array.from({ length: 10 }, (_, i) => invoice(i));
  assert.equal(matching(first, 'paid').length, 4);
  const second = [...first, invoice(12), invoice(15)];
  assert.equal(matching(second, 'paid').length, 6);
  assert.equal(matching(first, 'paid').length, 4);
});
