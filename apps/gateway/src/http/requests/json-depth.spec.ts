import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { jsonDepthExceeds } from './json-depth';

test('counts object and array nesting, not brackets inside strings', () => {
  assert.equal(jsonDepthExceeds('{"a":[{"b":1}]}', 3), false);
  assert.equal(jsonDepthExceeds('{"a":[{"b":1}]}', 2), true);
  assert.equal(jsonDepthExceeds('{"a":"[[[[[[{{{{"}', 1), false);
  assert.equal(jsonDepthExceeds('{"a":"\\"[[[["}', 1), false, 'an escaped quote keeps the string');
  assert.equal(jsonDepthExceeds('['.repeat(10_000) + ']'.repeat(10_000), 32), true);
});
