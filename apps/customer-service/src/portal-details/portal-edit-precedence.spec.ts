import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { judgeUpstream, recordPortalEdit, releaseEdits } from './portal-edit-precedence';

const at = (time: string) => new Date(`2026-12-01T${time}Z`);
const lastUpstream = at('09:00:00');
const edits = recordPortalEdit(null, ['city', 'zipcode'], { at: at('10:00:00'), by: 'portal:s1' });

test('an upstream change made before the edit applies, but not to the edited fields', () => {
  const verdict = judgeUpstream(lastUpstream, edits, at('09:30:00'));
  assert.ok(verdict.apply);
  assert.deepEqual(verdict.keep.sort(), ['city', 'zipcode']);
  assert.deepEqual(verdict.edits, edits);
});

test('an upstream change made after the edit wins, and the edit is no longer defended', () => {
  const verdict = judgeUpstream(lastUpstream, edits, at('10:00:01'));
  assert.ok(verdict.apply);
  assert.deepEqual(verdict.keep, []);
  assert.equal(verdict.edits, null);
});

test('between two edits: only the later one is kept', () => {
  const both = recordPortalEdit(edits, ['email'], { at: at('11:00:00'), by: 'portal:s2' });
  const verdict = judgeUpstream(lastUpstream, both, at('10:30:00'));
  assert.ok(verdict.apply);
  assert.deepEqual(verdict.keep, ['email']);
  assert.deepEqual(Object.keys(verdict.edits ?? {}), ['email']);
  assert.equal(verdict.edits?.email?.by, 'portal:s2');
});

test('no newer than the last upstream write (a duplicate, a late delivery): changes nothing', () => {
  assert.deepEqual(judgeUpstream(lastUpstream, edits, lastUpstream), { apply: false });
  assert.deepEqual(judgeUpstream(lastUpstream, null, at('08:00:00')), { apply: false });
});

test('without edits an upstream change simply applies', () => {
  assert.deepEqual(judgeUpstream(lastUpstream, null, at('09:00:01')), {
    apply: true,
    keep: [],
    edits: null,
  });
});

test('edits read back from the database (dates as stored) compare the same', () => {
  const stored = JSON.parse(JSON.stringify(edits)) as typeof edits;
  const verdict = judgeUpstream(lastUpstream, stored, at('09:30:00'));
  assert.ok(verdict.apply);
  assert.deepEqual(verdict.keep.sort(), ['city', 'zipcode']);
});

test('an API write releases the fields it names, and only those', () => {
  assert.deepEqual(Object.keys(releaseEdits(edits, ['city']) ?? {}), ['zipcode']);
  assert.equal(releaseEdits(edits, ['city', 'zipcode']), null);
  assert.equal(releaseEdits(null, ['city']), null);
});
