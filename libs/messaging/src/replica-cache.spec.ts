import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ReplicaCache } from './replica-cache';

const byOrganization = (max = 10, ttlMs = 60_000) =>
  new ReplicaCache<{ org: string; n: number }>({ ttlMs, max, tagsOf: (v) => [`org:${v.org}`] });

describe('ReplicaCache', () => {
  test('a miss loads once, a hit does not load', async () => {
    const cache = byOrganization();
    let loads = 0;
    const load = async () => ({ org: 'a', n: ++loads });
    assert.deepEqual(await cache.getOrLoad('k', load), { org: 'a', n: 1 });
    assert.deepEqual(await cache.getOrLoad('k', load), { org: 'a', n: 1 });
    assert.equal(loads, 1);
  });

  test('concurrent misses of one key share one load', async () => {
    const cache = byOrganization();
    let loads = 0;
    const load = async () => {
      loads += 1;
      await sleep(10);
      return { org: 'a', n: loads };
    };
    await Promise.all([cache.getOrLoad('k', load), cache.getOrLoad('k', load)]);
    assert.equal(loads, 1);
  });

  test('invalidating a tag drops exactly the entries carrying it', () => {
    const cache = byOrganization();
    cache.set('k1', { org: 'a', n: 1 });
    cache.set('k2', { org: 'b', n: 2 });
    cache.invalidate('org:a');
    assert.equal(cache.get('k1'), undefined);
    assert.deepEqual(cache.get('k2'), { org: 'b', n: 2 });
  });

  test('a load in flight when its tag is invalidated is answered but not kept', async () => {
    const cache = byOrganization();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const loading = cache.getOrLoad('k', async () => {
      await gate;
      return { org: 'a', n: 1 };
    });
    cache.invalidate('org:a');
    release();
    assert.deepEqual(await loading, { org: 'a', n: 1 });
    assert.equal(cache.get('k'), undefined);
  });

  test('a set from a mark is kept, unless an invalidation came after the mark', () => {
    const cache = byOrganization();
    const quiet = cache.mark();
    cache.set('k1', { org: 'a', n: 1 }, quiet);
    assert.deepEqual(cache.get('k1'), { org: 'a', n: 1 });
    const before = cache.mark();
    cache.invalidate('org:b');
    cache.set('k2', { org: 'a', n: 2 }, before);
    assert.equal(cache.get('k2'), undefined, 'fetched before an invalidation: not kept');
  });

  test('the least recently used entry makes room; entries expire', async () => {
    const cache = byOrganization(2, 30);
    cache.set('a', { org: 'x', n: 1 });
    cache.set('b', { org: 'x', n: 2 });
    cache.get('a');
    cache.set('c', { org: 'x', n: 3 });
    assert.equal(cache.get('b'), undefined, 'b was the least recently used');
    assert.ok(cache.get('a'));
    await sleep(50);
    assert.equal(cache.get('a'), undefined);
  });

  test('an evicted entry leaves no tag behind to grow without bound', () => {
    const cache = byOrganization(1);
    for (let i = 0; i < 100; i += 1) cache.set(`k${i}`, { org: `o${i}`, n: i });
    cache.invalidate('org:o99');
    assert.equal(cache.size, 0);
    assert.equal((cache as unknown as { keysByTag: Map<string, unknown> }).keysByTag.size, 0);
  });
});
