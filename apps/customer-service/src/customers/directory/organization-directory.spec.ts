import { buildCustomerView } from '@portico/contracts';
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { directoryEntry, OrganizationDirectory } from './organization-directory';

const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 1_000).toISOString();

function customer(n: number, name: string, email: string | null = null, version = 0) {
  return buildCustomerView({
    id: `cus_${n}`,
    external_id: `cust-${String(n).padStart(3, '0')}`,
    name,
    email,
    currency: null,
    document_locale: null,
    created_at: at(n),
    updated_at: at(n + version),
  });
}

const ids = (page: { items: { external_id: string }[] }) => page.items.map((c) => c.external_id);

describe('OrganizationDirectory', () => {
  const directory = () =>
    new OrganizationDirectory(
      [
        customer(1, 'Northwind Bakery', 'billing@northwind.example'),
        customer(2, 'Acme Corp', 'ap@acme.example'),
        customer(3, 'Northern Lights', null),
        customer(4, 'Café Ünïcode', 'café@example.org'),
      ].map(directoryEntry),
    );

  test('the list: newest first, paged, with the total', () => {
    const page = directory().page(undefined, 1, 3);
    assert.deepEqual(ids(page), ['cust-004', 'cust-003', 'cust-002']);
    assert.equal(page.total, 4);
    assert.deepEqual(ids(directory().page(undefined, 2, 3)), ['cust-001']);
  });

  test('a search matches the start of the name, a word, the external id or the email, any case', () => {
    const search = (q: string) => ids(directory().page(q, 1, 10));
    assert.deepEqual(search('north'), ['cust-003', 'cust-001']);
    assert.deepEqual(search('NORTHWIND'), ['cust-001']);
    assert.deepEqual(search('bak'), ['cust-001']);
    assert.deepEqual(search('north bak'), ['cust-001'], 'every word must match');
    assert.deepEqual(search('billing@northwind'), ['cust-001']);
    assert.deepEqual(search('cust-002'), ['cust-002']);
    assert.deepEqual(search('CAFÉ'), ['cust-004']);
    assert.deepEqual(search('orthwind'), [], 'a prefix, not anywhere in a word');
    assert.deepEqual(search('.*'), [], 'text, never a pattern');
  });

  test('changes: a new customer, a renamed one, an older version, a deleted one', () => {
    const d = directory();
    d.apply(directoryEntry(customer(5, 'Northpole Toys')), false);
    assert.deepEqual(ids(d.page('north', 1, 10)), ['cust-005', 'cust-003', 'cust-001']);
    d.apply(directoryEntry(customer(3, 'Southern Lights', null, 10)), false);
    assert.deepEqual(ids(d.page('north', 1, 10)), ['cust-005', 'cust-001']);
    assert.deepEqual(ids(d.page('south', 1, 10)), ['cust-003']);
    d.apply(directoryEntry(customer(3, 'Northern Lights', null, 5)), false);
    assert.deepEqual(ids(d.page('south', 1, 10)), ['cust-003'], 'an older version is ignored');
    d.apply(directoryEntry(customer(1, 'Northwind Bakery', null, 20)), true);
    assert.deepEqual(ids(d.page('north', 1, 10)), ['cust-005']);
    assert.equal(d.page(undefined, 1, 10).total, 4);
    assert.deepEqual(ids(d.page(undefined, 1, 10)), [
      'cust-005',
      'cust-004',
      'cust-003',
      'cust-002',
    ]);
  });

  test('many matches keep the list order', () => {
    const many = Array.from({ length: 300 }, (_, n) => customer(n, `Customer ${n}`));
    const d = new OrganizationDirectory(many.map(directoryEntry));
    const page = d.page('customer', 2, 25);
    assert.equal(page.total, 300);
    assert.deepEqual(ids(page), ids(d.page(undefined, 2, 25)));
  });
});
