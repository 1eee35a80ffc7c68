import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { withoutOmittedFields, type PlainCollection } from './plain-collection';
import type { TenantCollection } from './tenant-collection';

interface Note {
  _id: string;
  organization_id: string;
  text: string | null;
  rev: number;
}

test('a field left undefined is not sent, so the stored value stays (null would clear it)', () => {
  assert.deepEqual(
    withoutOmittedFields<Note>({ $set: { text: undefined, rev: 2 }, $inc: { rev: 1 } }),
    { $set: { rev: 2 }, $inc: { rev: 1 } },
  );
  assert.deepEqual(
    withoutOmittedFields<Note>({ $set: { rev: 2 }, $setOnInsert: { text: null } }),
    { $set: { rev: 2 }, $setOnInsert: { text: null } },
    'null is a value',
  );
});

test('an operator left with no field is not sent at all', () => {
  assert.deepEqual(
    withoutOmittedFields<Note>({ $set: { text: undefined }, $setOnInsert: { rev: 0 } }),
    { $setOnInsert: { rev: 0 } },
  );
  assert.deepEqual(withoutOmittedFields<Note>({ $set: {}, $setOnInsert: {} }), {});
});

// Never called: the type checker holds these (npm run typecheck).
export function filtersNameTheOrganization(
  notes: TenantCollection<Note>,
  anyNotes: PlainCollection<Note>,
): void {
  // @ts-expect-error a tenant collection's filter names the organization
  void notes.updateOne({ _id: 'n1' }, { $set: { rev: 2 } });
  // @ts-expect-error so does a delete's
  void notes.deleteMany({ rev: 1 });
  void notes.acrossOrganizations.updateOne({ _id: 'n1' }, { $set: { rev: 2 } });
  void anyNotes.findOne({ text: 'found by its text' });
}
