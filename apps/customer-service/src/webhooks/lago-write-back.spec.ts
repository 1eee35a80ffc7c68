import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { lagoCustomerUpdate } from './lago-write-back';

const details = {
  name: 'Acme',
  legal_name: null,
  legal_number: null,
  email: 'billing@acme.test',
  tax_identification_number: null,
  address_line1: '1 Main St',
  address_line2: null,
  city: 'Paris',
  zipcode: '75001',
  state: null,
  country: 'FR' as string | null,
  document_locale: 'fr' as const,
  shipping_address: null,
};

test("Lago is sent only what changed, under Lago's names, by external_id", () => {
  const body = lagoCustomerUpdate({
    external_customer_id: 'cus_1',
    changed_fields: ['city', 'country', 'document_locale'],
    before: details,
    after: { ...details, city: 'Berlin', country: 'DE', document_locale: 'de' },
    updated_at: '2026-12-01T10:00:00Z',
  });
  assert.deepEqual(body, {
    customer: {
      external_id: 'cus_1',
      city: 'Berlin',
      country: 'DE',
      billing_configuration: { document_locale: 'de' },
    },
  });
});

test('"same as billing" clears the shipping address in Lago', () => {
  const body = lagoCustomerUpdate({
    external_customer_id: 'cus_1',
    changed_fields: ['shipping_address'],
    before: {
      ...details,
      shipping_address: {
        address_line1: 'Dock 4',
        address_line2: null,
        city: 'Lyon',
        zipcode: null,
        state: null,
        country: 'FR',
      },
    },
    after: details,
    updated_at: '2026-12-01T10:00:00Z',
  });
  assert.deepEqual(body.customer.shipping_address, {
    address_line1: null,
    address_line2: null,
    city: null,
    state: null,
    zipcode: null,
    country: null,
  });
});
