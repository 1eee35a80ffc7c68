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

const invoice = (id: string, key: string, rev = 1) =>
  ({ summary: { id }, key, rev }) as unknown as CustomerInvoice;
const ids = (list: CustomerInvoice[]) => list.map((i) => `${i.summary.id}@${i.rev}`);

test("this instance's writes patch the cached list in place, newest first, without a reload", async () => {
  const cache = new CustomerInvoicesCache({ maxInvoices: 100, maxAgeMs: 60_000 });
  let loads = 0;
  const load = async () => {
    loads++;
    return [invoice('c', '2026-03'), invoice('b', '2026-02'), invoice('a', '2026-01')];
  };
  const first = await cache.get('k', load);
  cache.patch('k', [
    { id: 'b', rev: 2, invoice: invoice('b', '2026-02', 2) }, // updated
    { id: 'd', rev: 1, invoice: invoice('d', '2026-02-15') }, // new, in the middle
    { id: 'a', rev: 2 }, // left the list
    { id: 'c', rev: 0, invoice: invoice('c', '2026-03', 0) }, // older than held: ignored
  ]);
  const after = await cache.get('k', load);
  assert.equal(loads, 1, 'served from memory');
  assert.deepEqual(ids(after), ['c@1', 'd@1', 'b@2']);
  assert.deepEqual(ids(first), ['c@1', 'b@1', 'a@1'], 'the list already handed out is unchanged');
  assert.deepEqual(cache.size, { customers: 1, invoices: 3 });
});

test('a write landing while the list loads is applied to the loaded list, which is kept', async () => {
  const cache = new CustomerInvoicesCache({ maxInvoices: 100, maxAgeMs: 60_000 });
  let release!: () => void;
  const loading = cache.get(
    'k',
    () =>
      new Promise<CustomerInvoice[]>((resolve) => {
        release = () => resolve([invoice('a', '2026-01')]);
      }),
  );
  const sharing = cache.get('k', async () => []);
  cache.patch('k', [{ id: 'a', rev: 3, invoice: invoice('a', '2026-01', 3) }]);
  release();
  assert.deepEqual(ids(await loading), ['a@3']);
  assert.deepEqual(ids(await sharing), ['a@3'], 'callers sharing the load see the write too');
  let reloaded = false;
  const cached = await cache.get('k', async () => ((reloaded = true), []));
  assert.equal(reloaded, false, 'the patched load was kept');
  assert.deepEqual(ids(cached), ['a@3']);
});

test('past its max age a list is served while it reloads; past twice that, the reload is awaited', async () => {
  let now = 0;
  const cache = new CustomerInvoicesCache({ maxInvoices: 100, maxAgeMs: 1_000, now: () => now });
  await cache.get('k', async () => invoices(1));
  now = 1_500;
  let release!: () => void;
  const slowReload = () =>
    new Promise<CustomerInvoice[]>((resolve) => {
      release = () => resolve(invoices(2));
    });
  assert.equal((await cache.get('k', slowReload)).length, 1, 'the held list, at once');
  assert.equal((await cache.get('k', slowReload)).length, 1, 'one reload, still running');
  release();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal((await cache.get('k', async () => invoices(9))).length, 2, 'the reloaded list');
  now = 1_500 + 2_000;
  assert.equal((await cache.get('k', async () => invoices(3))).length, 3, 'too old to serve');
});
