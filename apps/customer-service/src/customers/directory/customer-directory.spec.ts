import { describe, test } from '@jest/globals';
import type { AmqpConnection } from '@portico/messaging';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { CustomerServiceConfig } from '../../config/customer-service.config';
import { toCustomerView } from '../customer-views';
import type { CustomerRecord, CustomersRepository } from '../customers.repository';
import { CustomerDirectory } from './customer-directory';

const record = (org: string, n: number, name: string, version = 0): CustomerRecord => ({
  _id: `cus_${org}_${n}`,
  organization_id: org,
  external_id: `c-${n}`,
  name,
  email: null,
  currency: null,
  document_locale: null,
  details: null,
  portal_session_generation: 0,
  created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
  updated_at: new Date(Date.UTC(2026, 0, 1, 0, 0, n + version)),
  deleted_at: null,
});

/** A repository whose loads are released by the test, counting them. */
function repository(stored: Record<string, CustomerRecord[]>) {
  const loads: { org: string; release: () => void }[] = [];
  const fake = {
    allLive: (org: string, max: number) =>
      new Promise<CustomerRecord[] | undefined>((resolve) =>
        loads.push({
          org,
          release: () => {
            const records = stored[org] ?? [];
            resolve(records.length > max ? undefined : records);
          },
        }),
      ),
  };
  return { fake: fake as unknown as CustomersRepository, loads };
}

function directory(stored: Record<string, CustomerRecord[]>, maxCustomers = 100) {
  const { fake, loads } = repository(stored);
  const connection = new EventEmitter();
  const config = { directory: { maxCustomers } } as CustomerServiceConfig;
  const d = new CustomerDirectory(fake, config, connection as unknown as AmqpConnection);
  return { d, loads, connection };
}

const names = (page?: { items: { name: string | null }[] }) => page?.items.map((c) => c.name);

describe('CustomerDirectory', () => {
  test('loads an organization once; a change heard during the load is applied after it', async () => {
    const { d, loads } = directory({ a: [record('a', 1, 'Alpha'), record('a', 2, 'Beta')] });
    const first = d.page('a', undefined, 1, 10);
    const second = d.page('a', 'alp', 1, 10);
    assert.equal(loads.length, 1, 'concurrent searches share one load');
    d.apply('a', toCustomerView(record('a', 1, 'Gamma', 5)), false);
    loads[0]!.release();
    assert.deepEqual(names(await first), ['Beta', 'Gamma']);
    assert.deepEqual(names(await second), [], 'renamed while loading');
    assert.deepEqual(names(await d.page('a', 'gam', 1, 10)), ['Gamma']);
    assert.equal(loads.length, 1);
  });

  test('an organization larger than the bound is left to the database', async () => {
    const { d, loads } = directory({ big: [record('big', 1, 'A'), record('big', 2, 'B')] }, 1);
    const page = d.page('big', undefined, 1, 10);
    loads[0]!.release();
    assert.equal(await page, undefined);
    assert.equal(await d.page('big', undefined, 1, 10), undefined);
    assert.equal(loads.length, 1, 'not asked again at once');
  });

  test('the least recently searched organization makes room; a reconnect forgets everything', async () => {
    const { d, loads, connection } = directory(
      { a: [record('a', 1, 'A1')], b: [record('b', 1, 'B1')] },
      1,
    );
    const a = d.page('a', undefined, 1, 10);
    loads[0]!.release();
    await a;
    const b = d.page('b', undefined, 1, 10);
    loads[1]!.release();
    await b;
    void d.page('a', undefined, 1, 10);
    assert.equal(loads.length, 3, 'a was evicted for b');
    loads[2]!.release();
    connection.emit('connected');
    void d.page('a', undefined, 1, 10);
    assert.equal(loads.length, 4, 'reloaded after a reconnect');
    loads[3]!.release();
  });
});
