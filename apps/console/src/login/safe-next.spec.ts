import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { safeNext } from './safe-next';

test('after login, only a path of the console: no open redirect', () => {
  assert.equal(safeNext('/customers/acme?tab=settings'), '/customers/acme?tab=settings');
  for (const bad of [
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    'x',
    undefined,
    '/login?next=/',
    '/\nx',
  ])
    assert.equal(safeNext(bad), '/', String(bad));
});
