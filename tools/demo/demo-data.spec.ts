import {
  customerInputSchema,
  upstreamInvoiceSchema,
  upstreamSubscriptionSchema,
  upstreamWalletSchema,
  upstreamWalletTransactionSchema,
  usageSnapshotSchema,
} from '@portico/contracts';
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { DEMO_CUSTOMERS, invoiceHistory, visibleInvoices } from './demo-data';
import { DEMO_SUBSCRIBERS, subscriptionHistory } from './demo-subscriptions';
import { DEMO_WALLET_CUSTOMERS, walletEvents } from './demo-wallets';

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

test('the demo plans and their usage are valid, and the same every time', () => {
  const contracts = new Map<string, { parse: (data: unknown) => unknown }>([
    ['subscription.created', upstreamSubscriptionSchema],
    ['customer.usage_updated', usageSnapshotSchema],
  ]);
  const subscribed = DEMO_CUSTOMERS.filter((c) => DEMO_SUBSCRIBERS.includes(c.external_id));
  assert.equal(subscribed.length, DEMO_SUBSCRIBERS.length);
  for (const customer of subscribed) {
    const events = subscriptionHistory(customer);
    assert.deepEqual(subscriptionHistory(customer), events);
    for (const event of events) contracts.get(event.type)!.parse(event.data);
    for (const event of events.filter((e) => e.type === 'customer.usage_updated')) {
      const charges = event.data.charges_usage as { amount_cents: number }[];
      assert.equal(
        charges.reduce((sum, c) => sum + c.amount_cents, 0),
        event.data.amount_cents,
        'the charges add up to the period amount',
      );
    }
  }
});

test('the demo wallets: valid events, the balance their transactions add up to', () => {
  for (const customer of DEMO_CUSTOMERS.filter((c) =>
    DEMO_WALLET_CUSTOMERS.includes(c.external_id),
  )) {
    const [wallet, ...transactions] = walletEvents(customer);
    const data = upstreamWalletSchema.parse(wallet!.data);
    assert.equal(data.currency, customer.currency);
    let balance = 0;
    for (const event of transactions) {
      const t = upstreamWalletTransactionSchema.parse(event.data);
      assert.equal(t.wallet_id, data.id);
      balance += (t.transaction_type === 'inbound' ? 1 : -1) * Number(t.credit_amount);
    }
    assert.equal(Number(data.credits_balance), balance);
    assert.deepEqual(walletEvents(customer), walletEvents(customer), 'the same every time');
  }
});
