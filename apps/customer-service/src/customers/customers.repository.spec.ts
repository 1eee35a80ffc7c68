import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { escapeRegex } from './customers.repository';

test('a search is text, not a pattern: every regex metacharacter is escaped', () => {
  const tricky = 'a.b*c+(d)?[e]{f}|g^h$i\\j/k-l';
  const regex = new RegExp(escapeRegex(tricky), 'i');
  assert.ok(regex.test(`xx${tricky.toUpperCase()}yy`));
  assert.ok(!regex.test('aXb*c+(d)?[e]{f}|g^h$i\\j/k-l'), '"." matches only a dot');
  assert.ok(!new RegExp(escapeRegex('.*')).test('anything'));
});
