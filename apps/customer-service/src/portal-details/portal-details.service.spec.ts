import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { DomainError, ErrorCode, type PortalCustomerField } from '@portico/contracts';
import type { CustomerRecord } from '../customers/customers.repository';
import { PortalDetailsService } from './portal-details.service';

// Unit tier: the decisions around one edit, with in-memory stand-ins for storage and the broker.
// The database and broker paths are covered by test/e2e/portal-account.e2e-spec.ts.
function setup(editable: PortalCustomerField[], publishFailures = 0) {
  const now = new Date('2026-11-01T00:00:00Z');
  let record: CustomerRecord = {
    _id: 'cus_1',
    organization_id: 'org_1',
    external_id: 'jane',
    name: 'Jane',
    email: null,
    currency: 'EUR',
    document_locale: null,
    details: null,
    portal_session_generation: 0,
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  const published: { id: string; data: { changed_fields: string[] } }[] = [];
  let failures = publishFailures;
  const organizations = {
    require: async () => ({
      _id: 'org_1',
      portal_settings: { editable_customer_fields: editable, wallet_top_up: false },
    }),
  };
  const customers = {
    requireLive: async () => record,
    change: async (_o: string, _e: string, changesFor: (c: CustomerRecord) => object) => {
      record = {
        ...record,
        ...changesFor(record),
        updated_at: new Date(record.updated_at.getTime() + 1),
      };
      return record;
    },
  };
  const repository = {
    clearPortalEventOutbox: async (_o: string, _e: string, id: string) => {
      if ((record.portal_event_outbox as { id?: string } | null)?.id === id)
        record = { ...record, portal_event_outbox: null };
    },
  };
  const events = { changed: async () => undefined };
  const publisher = {
    publish: async (_contract: unknown, envelope: (typeof published)[number]) => {
      if (failures-- > 0) throw new Error('broker away');
      published.push(envelope);
    },
  };
  const service = new PortalDetailsService(
    organizations as never,
    customers as never,
    repository as never,
    events as never,
    publisher as never,
  );
  const request = (changes: Record<string, unknown>) => ({
    organization_id: 'org_1',
    external_customer_id: 'jane',
    changes,
    edited_by: 'portal:ps_1',
  });
  return { service, request, published, current: () => record };
}

describe('PortalDetailsService', () => {
  test('an edit is stored with who and when, and announced with before → after', async () => {
    const { service, request, published, current } = setup(['city', 'country']);
    const answer = await service.update(request({ city: 'Lyon', country: 'FR' }));
    assert.deepEqual(answer.changed_fields, ['city', 'country']);
    assert.equal(answer.before.city, null);
    assert.equal(answer.after.city, 'Lyon');
    assert.equal(current().details?.city, 'Lyon');
    assert.equal(current().portal_edits?.city?.by, 'portal:ps_1');
    assert.ok(current().portal_edits?.city?.at instanceof Date);
    assert.deepEqual(current().source_updated_at, new Date('2026-11-01T00:00:00Z'));
    assert.equal(published.length, 1);
    assert.equal(current().portal_event_outbox, null, 'the outbox is cleared once confirmed');
  });

  test('a field the organization does not offer: forbidden, nothing stored', async () => {
    const { service, request, published, current } = setup(['city']);
    await assert.rejects(
      service.update(request({ city: 'Lyon', email: 'x@example.com' })),
      (error: unknown) => error instanceof DomainError && error.code === ErrorCode.Forbidden,
    );
    assert.equal(current().details, null);
    assert.equal(published.length, 0);
  });

  test('the same values again: no new event', async () => {
    const { service, request, published } = setup(['city']);
    await service.update(request({ city: 'Lyon' }));
    const again = await service.update(request({ city: 'Lyon' }));
    assert.deepEqual(again.changed_fields, []);
    assert.equal(published.length, 1);
  });

  test('an announcement the broker did not confirm is made when the customer submits again', async () => {
    const { service, request, published, current } = setup(['city'], 1);
    await assert.rejects(service.update(request({ city: 'Lyon' })), /broker away/);
    assert.equal(current().details?.city, 'Lyon', 'the edit itself is stored');
    assert.ok(current().portal_event_outbox, 'and its event kept');
    await service.update(request({ city: 'Lyon' }));
    assert.equal(published.length, 1);
    assert.deepEqual(published[0]!.data.changed_fields, ['city']);
    assert.equal(current().portal_event_outbox, null);
  });
});
