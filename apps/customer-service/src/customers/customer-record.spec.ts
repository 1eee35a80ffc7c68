import { customerInputSchema, upstreamCustomerSchema } from '@portico/contracts';
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import {
  apiWrite,
  customerChanges,
  newCustomer,
  upstreamWrite,
  type CustomerRecord,
  type CustomerWrite,
} from './customer-record';
import { CustomerSchema } from './customer.model';

const identity = { _id: 'cus_1', organization_id: 'org_1', external_id: 'ext_1' };
const now = new Date('2026-05-01T12:00:00Z');
const at = (iso: string) => new Date(iso);
const upstream = (updatedAt: string, fields: Record<string, unknown> = {}) =>
  upstreamCustomerSchema.parse({ external_id: 'ext_1', updated_at: updatedAt, ...fields });
const api = (fields: Record<string, unknown>) =>
  customerInputSchema.parse({ external_id: 'ext_1', ...fields });
const ignoreLocale = () => undefined;

/** What the store holds after `write`, from `existing` (or nothing). */
function stored(existing: CustomerRecord | null, write: CustomerWrite): CustomerRecord {
  if (!existing) return newCustomer(identity, write, now);
  return { ...existing, ...customerChanges(existing, write, now).changes };
}

function upstreamStored(updatedAt: string, fields: Record<string, unknown> = {}) {
  const write = upstreamWrite(null, upstream(updatedAt, fields), now, ignoreLocale);
  assert.ok(write);
  return stored(null, write);
}

describe('customer record: upstream writes, newer wins', () => {
  test('a first write makes a live customer at the upstream version', () => {
    const record = upstreamStored('2026-04-01T00:00:00Z', { name: 'Acme', email: 'a@acme.test' });
    assert.equal(record.name, 'Acme');
    assert.equal(record.currency, null, 'what it does not name starts empty');
    assert.deepEqual(record.updated_at, at('2026-04-01T00:00:00Z'));
    assert.deepEqual(record.source_updated_at, at('2026-04-01T00:00:00Z'));
    assert.equal(record.deleted_at, null);
    assert.equal(record.portal_session_generation, 0);
  });

  test('an older or equal upstream write changes nothing; a newer one applies', () => {
    const record = upstreamStored('2026-04-02T00:00:00Z', { name: 'Acme' });
    for (const older of ['2026-04-01T00:00:00Z', '2026-04-02T00:00:00Z']) {
      assert.equal(
        upstreamWrite(record, upstream(older, { name: 'Old' }), now, ignoreLocale),
        undefined,
      );
    }
    const newer = upstreamWrite(
      record,
      upstream('2026-04-03T00:00:00Z', { name: 'New' }),
      now,
      ignoreLocale,
    );
    assert.ok(newer);
    assert.equal(stored(record, newer).name, 'New');
  });

  test('a late upstream update does not bring a deleted customer back', () => {
    const record = upstreamStored('2026-04-02T00:00:00Z', { name: 'Acme' });
    const deleted = {
      ...record,
      deleted_at: at('2026-04-05T00:00:00Z'),
      updated_at: at('2026-04-05T00:00:00Z'),
    };
    assert.equal(
      upstreamWrite(deleted, upstream('2026-04-04T00:00:00Z'), now, ignoreLocale),
      undefined,
    );
    const after = upstreamWrite(
      deleted,
      upstream('2026-04-06T00:00:00Z', { name: 'Back' }),
      now,
      ignoreLocale,
    );
    assert.ok(after);
    const { changes, recreated } = customerChanges(deleted, after, now);
    assert.equal(recreated, true);
    assert.equal(changes.deleted_at, null);
    assert.equal(changes.currency, null, 're-created from a clean record');
  });

  test('a field edited in the portal after the upstream change keeps its portal value', () => {
    const record: CustomerRecord = {
      ...upstreamStored('2026-04-01T00:00:00Z', { name: 'Acme', email: 'old@acme.test' }),
      email: 'portal@acme.test',
      portal_edits: { email: { at: at('2026-04-03T00:00:00Z'), by: 'portal' } },
      updated_at: at('2026-04-03T00:00:00Z'),
    };
    const write = upstreamWrite(
      record,
      upstream('2026-04-02T00:00:00Z', { name: 'Acme 2', email: 'lago@acme.test' }),
      now,
      ignoreLocale,
    );
    assert.ok(write);
    const after = stored(record, write);
    assert.equal(after.name, 'Acme 2');
    assert.equal(after.email, 'portal@acme.test');
    assert.ok(after.portal_edits?.email, 'the edit is still defended');
    assert.ok(after.updated_at > record.updated_at, 'the version still moves forward');
  });

  test('an unsupported document locale is reported and stored as none', () => {
    const reported: string[] = [];
    const write = upstreamWrite(
      null,
      upstream('2026-04-01T00:00:00Z', { billing_configuration: { document_locale: 'xx-YY' } }),
      now,
      (locale) => reported.push(locale),
    );
    assert.deepEqual(reported, ['xx-YY']);
    assert.equal(write?.fields.document_locale, null);
  });
});

describe('customer record: API writes, the latest intent', () => {
  test('always applies, past any version, and releases the portal edits of the fields it names', () => {
    const record: CustomerRecord = {
      ...upstreamStored('2026-04-01T00:00:00Z', { name: 'Acme' }),
      updated_at: at('2030-01-01T00:00:00Z'),
      portal_edits: {
        email: { at: at('2026-04-03T00:00:00Z'), by: 'portal' },
        name: { at: at('2026-04-03T00:00:00Z'), by: 'portal' },
      },
    };
    const write = apiWrite(record, api({ email: 'ops@acme.test' }), now);
    assert.ok(write.version > record.updated_at);
    const after = stored(record, write);
    assert.equal(after.email, 'ops@acme.test');
    assert.equal(after.name, 'Acme', 'what it does not name is kept');
    assert.deepEqual(Object.keys(after.portal_edits ?? {}), ['name']);
  });

  test('details merge into the stored ones, but not into a deleted customer’s', () => {
    const first = stored(null, apiWrite(null, api({ city: 'Paris', country: 'fr' }), now));
    const second = stored(first, apiWrite(first, api({ city: 'Lyon' }), now));
    assert.equal(second.details?.city, 'Lyon');
    assert.equal(second.details?.country, 'FR');

    const deleted = { ...second, deleted_at: now };
    const recreated = apiWrite(deleted, api({ city: 'Nice' }), now);
    assert.equal(recreated.fields.details?.country, null);
  });
});

describe('customer record: a first write', () => {
  test('names every field of the schema, so that the stored record has its defaults', () => {
    const record = upstreamStored('2026-04-01T00:00:00Z');
    const missing = Object.keys(CustomerSchema.paths).filter((path) => !(path in record));
    assert.deepEqual(missing, []);
    assert.equal(record.portal_event_outbox, null);
  });
});
