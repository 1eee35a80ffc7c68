import { customerInputSchema, upstreamInvoiceSchema } from '@portico/contracts';
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { DEMO_CUSTOMERS, invoiceHistory, visibleInvoices } from './demo-data';

test('the same history every time: re-seeding publishes identical events', () => {
  for (const customer of DEMO_CUSTOMERS)
    assert.deepEqual(invoiceHistory(customer), invoiceHistory(customer));
});

test('every invoice is valid and unique, with one draft that the portal must never list', () => {
  for (const customer of DEMO_CUSTOMERS) {
    const events = invoiceHistory(customer);
    for (const event of events) upstreamInvoiceSchema.parse(event.data);
    assert.equal(new Set(events.map((e) => e.id)).size, events.length);
    assert.equal(new Set(events.map((e) => e.data.number)).size, events.length);
    assert.equal(events.filter((e) => e.data.status === 'draft').length, 1);
    assert.equal(visibleInvoices(events).length, events.length - 1);
  }
});

test('a realistic mix: two years, paid, unpaid, overdue, disputed and voided', () => {
  const events = invoiceHistory(DEMO_CUSTOMERS[0]!);
  const data = events.map((e) => e.data);
  const dates = data.map((d) => Date.parse(d.issuing_date as string));
  assert.ok((Math.max(...dates) - Math.min(...dates)) / 86_400_000 > 700);
  assert.ok(data.some((d) => d.payment_status === 'succeeded'));
  assert.ok(data.some((d) => d.payment_overdue === true));
  assert.ok(data.some((d) => d.payment_dispute_lost_at));
  assert.ok(data.some((d) => d.status === 'voided'));
  assert.ok(data.some((d) => d.payment_status === 'pending' && d.status === 'finalized'));
  assert.ok(new Set(data.map((d) => d.currency)).size >= 3, 'several currencies for one customer');
});

test('a large history for benchmarks keeps its count', () => {
  assert.equal(visibleInvoices(invoiceHistory(DEMO_CUSTOMERS[1]!, { count: 2_000 })).length, 2_000);
});

test('every demo customer has a billing address the customers API accepts', () => {
  for (const customer of DEMO_CUSTOMERS) {
    const parsed = customerInputSchema.safeParse({
      external_id: customer.external_id,
      ...customer.address,
    });
    assert.ok(parsed.success, customer.external_id);
    assert.match(parsed.data.country ?? '', /^[A-Z]{2}$/);
  }
});
