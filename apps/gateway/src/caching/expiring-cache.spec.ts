import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { ExpiringCache } from './expiring-cache';

test('entries expire', async () => {
  const cache = new ExpiringCache<number>(30, 10);
  cache.set('a', 1);
  assert.equal(cache.get('a'), 1);
  await sleep(40);
  assert.equal(cache.get('a'), undefined);
});

test('the oldest entry makes room when full', () => {
  const cache = new ExpiringCache<number>(60_000, 2);
  cache.set('a', 1);
  cache.set('b', 2);
  cache.set('c', 3);
  assert.equal(cache.get('a'), undefined);
  assert.equal(cache.get('b'), 2);
  assert.equal(cache.size, 2);
});

test('deleteWhere drops matching entries only', () => {
  const cache = new ExpiringCache<{ org: string }>(60_000, 10);
  cache.set('k1', { org: 'a' });
  cache.set('k2', { org: 'b' });
  cache.deleteWhere((v) => v.org === 'a');
  assert.equal(cache.get('k1'), undefined);
  assert.deepEqual(cache.get('k2'), { org: 'b' });
});
