import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { RecentPdfs } from './recent-pdfs';

test('bounded by bytes, least recently used out first', () => {
  const recent = new RecentPdfs(10);
  recent.set('a', Buffer.alloc(4));
  recent.set('b', Buffer.alloc(4));
  assert.ok(recent.get('a'));
  recent.set('c', Buffer.alloc(4));
  assert.equal(recent.get('b'), undefined);
  assert.ok(recent.get('a'));
  assert.ok(recent.get('c'));
  recent.set('huge', Buffer.alloc(11));
  assert.equal(recent.get('huge'), undefined);
});
