import type { CustomerInput } from '@portico/contracts';
import { upstreamCustomer } from '@portico/testing';
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import type { CustomerRecord } from './customers.repository';
import { CustomersService } from './customers.service';

// Unit tier: who wins between upstream events, API writes and deletions, over an in-memory
// stand-in for the repository with the same optimistic-concurrency contract (a write names the
// version it read; a stale one is refused). The database path: test/e2e/customers-api.e2e-spec.ts.
function setup() {
  const stored = new Map<string, CustomerRecord>();
  /** Writes that happen between a read and its write, as another instance would make them. */
  const interleaved: ((externalId: string) => void)[] = [];
  const repository = {
    findByExternalId: async (_organizationId: string, externalId: string) => {
      const found = stored.get(externalId);
      return found ? { ...found } : null;
    },
    insert: async (customer: CustomerRecord) => {
      stored.set(customer.external_id, { ...customer });
    },
    replaceVersion: async (
      _organizationId: string,
      externalId: string,
      expectedVersion: Date,
      changes: Partial<CustomerRecord>,
    ) => {
      interleaved.shift()?.(externalId);
      const current = stored.get(externalId);
      if (!current || current.updated_at.getTime() !== expectedVersion.getTime()) return null;
      const next = { ...current, ...changes };
      stored.set(externalId, next);
      return { ...next };
    },
  };
  const announced: CustomerRecord[] = [];
  const events = { changed: async (customer: CustomerRecord) => void announced.push(customer) };
  const organizations = { require: async () => ({ _id: 'org_1' }) };
  const service = new CustomersService(
    repository as never,
    organizations as never,
    events as never,
    {} as never,
  );
  const upstream = (updatedAt: string, overrides: Parameters<typeof upstreamCustomer>[0] = {}) =>
    service.applyUpstream(
      'org_1',
      upstreamCustomer({ external_id: 'jane', updated_at: updatedAt, ...overrides }),
      false,
    );
  const api = (input: Omit<CustomerInput, 'external_id'>) =>
    service.upsertFromApi('org_1', { external_id: 'jane', ...input });
  return { service, stored, interleaved, announced, upstream, api, jane: () => stored.get('jane') };
}

describe('CustomersService: newer wins', () => {
  test('an upstream customer is stored; an older update changes nothing; a newer one wins', async () => {
    const { upstream, announced, jane } = setup();
    await upstream('2026-11-01T10:00:00Z', { name: 'First' });
    assert.equal(jane()?.name, 'First');
    await upstream('2026-10-01T10:00:00Z', { name: 'Stale' });
    assert.equal(jane()?.name, 'First');
    assert.equal(announced.length, 1, 'an ignored update announces nothing');
    await upstream('2026-11-02T10:00:00Z', { name: 'Fresh' });
    assert.equal(jane()?.name, 'Fresh');
    assert.deepEqual(
      announced.map((c) => c.name),
      ['First', 'Fresh'],
    );
  });

  test('a duplicate changes nothing; redelivered, it announces the stored customer again', async () => {
    const { service, upstream, announced, jane } = setup();
    await upstream('2026-11-01T10:00:00Z', { name: 'Jane' });
    const version = jane()!.updated_at;
    await upstream('2026-11-01T10:00:00Z', { name: 'Duplicate' });
    assert.equal(announced.length, 1);
    const again = upstreamCustomer({ external_id: 'jane', updated_at: '2026-11-01T10:00:00Z' });
    await service.applyUpstream('org_1', again, true);
    assert.equal(announced.length, 2, 'the write may have been made before a crash');
    assert.equal(announced[1]!.name, 'Jane');
    assert.equal(jane()!.updated_at.getTime(), version.getTime(), 'nothing was written');
  });

  test('a locale Portico does not support is dropped; null clears; omitted keeps', async () => {
    const { upstream, jane } = setup();
    await upstream('2026-11-01T10:00:00Z', { billing_configuration: { document_locale: 'de' } });
    assert.equal(jane()!.document_locale, 'de');
    await upstream('2026-11-02T10:00:00Z', { name: 'Named' });
    assert.equal(jane()!.document_locale, 'de', 'an update that does not name it keeps it');
    await upstream('2026-11-03T10:00:00Z', { billing_configuration: { document_locale: 'tlh' } });
    assert.equal(jane()!.document_locale, null);
    await upstream('2026-11-04T10:00:00Z', { billing_configuration: { document_locale: 'fr' } });
    await upstream('2026-11-05T10:00:00Z', { billing_configuration: { document_locale: null } });
    assert.equal(jane()!.document_locale, null);
  });

  test('an API write is the latest intent: a late upstream event does not undo it', async () => {
    const { upstream, api, jane } = setup();
    await upstream('2026-11-01T10:00:00Z', { name: 'From Lago' });
    const { created } = await api({ name: 'From the API' });
    assert.equal(created, false);
    await upstream('2026-11-02T10:00:00Z', { name: 'Late event' });
    assert.equal(jane()!.name, 'From the API');
    assert.ok(jane()!.updated_at > new Date('2026-11-02T10:00:00Z'));
  });

  test('a deleted customer is not revived by a late update; a newer one re-creates it clean', async () => {
    const { service, upstream, jane } = setup();
    await upstream('2026-11-01T10:00:00Z', { name: 'Jane', email: 'jane@example.com' });
    await service.delete('org_1', 'jane');
    const deletedAt = jane()!.updated_at;
    await upstream('2026-11-02T10:00:00Z', { name: 'Late' });
    assert.ok(jane()!.deleted_at, 'still deleted');
    assert.equal(jane()!.name, 'Jane');

    const after = new Date(deletedAt.getTime() + 60_000).toISOString();
    await upstream(after, { name: 'Back' });
    const revived = jane()!;
    assert.equal(revived.deleted_at, null);
    assert.equal(revived.name, 'Back');
    assert.equal(revived.email, null, 'nothing of the deleted customer is kept');
    assert.equal(revived.portal_session_generation, 1, 'its old portal links stay dead');
  });

  test('a write that loses a race decides again on what the other writer stored', async () => {
    const { upstream, interleaved, stored, jane } = setup();
    await upstream('2026-11-01T10:00:00Z', { name: 'First' });
    // Between our read and our write, another instance stores a newer upstream version.
    interleaved.push((externalId) => {
      const current = stored.get(externalId)!;
      stored.set(externalId, {
        ...current,
        name: 'Newest',
        source_updated_at: new Date('2026-11-09T10:00:00Z'),
        updated_at: new Date('2026-11-09T10:00:00Z'),
      });
    });
    await upstream('2026-11-05T10:00:00Z', { name: 'Older than the race winner' });
    assert.equal(jane()!.name, 'Newest');
    assert.equal(interleaved.length, 0, 'the race happened');
  });
});
