import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import type { CustomerInvoice } from './customer-invoices';
import { CustomerInvoicesCache } from './customer-invoices.cache';

const invoices = (n: number) => Array.from({ length: n }, () => ({}) as CustomerInvoice);

test('loads once, then serves from memory; concurrent first reads share one load', async () => {
  const cache = new CustomerInvoicesCache({ maxInvoices: 100, maxAgeMs: 60_000 });
  let loads = 0;
  const load = async () => {
    loads++;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return invoices(3);
  };
  const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
  assert.equal(a, b);
  await cache.get('k', load);
  assert.equal(loads, 1);
});

test('an invalidation drops the entry, and a load that raced with it is not kept', async () => {
  const cache = new CustomerInvoicesCache({ maxInvoices: 100, maxAgeMs: 60_000 });
  let loads = 0;
  let release!: () => void;
  const slow = () => {
    loads++;
    return new Promise<CustomerInvoice[]>((resolve) => {
      release = () => resolve(invoices(1));
    });
  };
  const racing = cache.get('k', slow);
  cache.invalidate('k'); // a write landed while the load was reading
  release();
  assert.equal((await racing).length, 1, 'its callers still get an answer');
  await cache.get('k', async () => {
    loads++;
    return invoices(2);
  });
  assert.equal(loads, 2, 'the raced load was not cached');
  cache.invalidate('k');
  assert.equal(cache.size.customers, 0);
});

test('least recently used customers go first beyond the invoice budget; entries age out', async () => {
  let now = 0;
  const cache = new CustomerInvoicesCache({ maxInvoices: 5, maxAgeMs: 1_000, now: () => now });
  await cache.get('a', async () => invoices(2));
  await cache.get('b', async () => invoices(2));
  await cache.get('a', async () => invoices(99)); // hit: a is now the most recent
  await cache.get('c', async () => invoices(2)); // 6 > 5: b goes
  assert.deepEqual(cache.size, { customers: 2, invoices: 4 });
  let reloaded = false;
  await cache.get('b', async () => ((reloaded = true), invoices(1)));
  assert.ok(reloaded, 'b was evicted');
  now = 2_000;
  reloaded = false;
  await cache.get('c', async () => ((reloaded = true), invoices(2)));
  assert.ok(reloaded, 'too old: loaded again');
});
