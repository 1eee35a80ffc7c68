import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { CustomerUpdatedFromPortal } from './customers/events/customer-updated-from-portal.event';
import { WalletTopUpRequested } from './wallets/events/wallet-top-up-requested.event';
import { OUTBOUND_EVENT_TYPES } from './outbound-events';
import { PUBLIC_EVENTS } from './public-events';

const details = {
  name: 'Acme',
  legal_name: null,
  email: 'billing@acme.test',
  tax_identification_number: null,
  address_line1: null,
  address_line2: null,
  city: null,
  zipcode: null,
  state: null,
  country: 'FR',
  document_locale: 'fr',
};

test('customer.updated_from_portal carries before → after and names only known fields', () => {
  const ok = CustomerUpdatedFromPortal.schema.safeParse({
    external_customer_id: 'cus_1',
    changed_fields: ['email'],
    before: details,
    after: { ...details, email: 'ap@acme.test' },
    updated_at: '2026-12-01T10:00:00Z',
  });
  assert.equal(ok.success, true);
  const unknownField = CustomerUpdatedFromPortal.schema.safeParse({
    external_customer_id: 'cus_1',
    changed_fields: ['password'],
    before: details,
    after: details,
    updated_at: '2026-12-01T10:00:00Z',
  });
  assert.equal(unknownField.success, false);
  const badLocale = CustomerUpdatedFromPortal.schema.safeParse({
    external_customer_id: 'cus_1',
    changed_fields: ['document_locale'],
    before: details,
    after: { ...details, document_locale: 'xx' },
    updated_at: '2026-12-01T10:00:00Z',
  });
  assert.equal(badLocale.success, false);
});

test('wallet.top_up_requested credits are decimal strings, as in Lago', () => {
  const base = {
    external_customer_id: 'cus_1',
    wallet_id: 'wal_1',
    requested_at: '2026-12-01T10:00:00Z',
  };
  assert.equal(
    WalletTopUpRequested.schema.safeParse({ ...base, paid_credits: '10.5' }).success,
    true,
  );
  assert.equal(
    WalletTopUpRequested.schema.safeParse({ ...base, paid_credits: 10.5 }).success,
    false,
  );
  assert.equal(
    WalletTopUpRequested.schema.safeParse({ ...base, paid_credits: '-1' }).success,
    false,
  );
});

test('outbound types are distinct from the events upstream systems publish', () => {
  const upstream = new Set(PUBLIC_EVENTS.map((e) => e.type));
  assert.equal(new Set(OUTBOUND_EVENT_TYPES).size, OUTBOUND_EVENT_TYPES.length);
  for (const type of OUTBOUND_EVENT_TYPES) assert.equal(upstream.has(type), false, type);
});
