import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import type { InvoiceServiceConfig } from '../config/invoice-service.config';
import { BigCustomerWarmUp } from './big-customer-warm-up';
import type { CustomerInvoice } from './customer-invoices';
import { CustomerInvoicesCache, customerKey } from './customer-invoices.cache';
import type { InvoiceRecord } from './invoice-record';
import { InvoicesStoredHook, type StoredInvoices } from './invoices-stored.hook';
import type { InvoicesService } from './invoices.service';

const written = (customer: string, n: number): StoredInvoices => ({
  changes: [],
  records: Array.from(
    { length: n },
    () => ({ organization_id: 'org_1', external_customer_id: customer }) as InvoiceRecord,
  ),
  customersByOrganization: new Map(),
  patches: new Map(),
});

function setUp(warmAfterWrites: number) {
  const cache = new CustomerInvoicesCache({ maxInvoices: 1_000, maxAgeMs: 60_000 });
  const hook = new InvoicesStoredHook();
  const warmed: string[] = [];
  const service = {
    warm: async (organizationId: string, customer: string) => {
      warmed.push(customer);
      await cache.get(customerKey(organizationId, customer), async () => [] as CustomerInvoice[]);
    },
  } as unknown as InvoicesService;
  const config = { invoiceCache: { warmAfterWrites } } as InvoiceServiceConfig;
  new BigCustomerWarmUp(config, cache, service, hook).onModuleInit();
  return { hook, warmed, cache };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

test('a customer written to past the threshold is loaded once, in the background', async () => {
  const { hook, warmed, cache } = setUp(10);
  await hook.stored(written('cus_big', 6));
  await hook.stored(written('cus_small', 3));
  await settled();
  assert.deepEqual(warmed, [], 'below the threshold nobody is loaded');
  await hook.stored(written('cus_big', 6));
  await settled();
  assert.deepEqual(warmed, ['cus_big']);
  assert.ok(cache.holds(customerKey('org_1', 'cus_big')));
  await hook.stored(written('cus_big', 50));
  await settled();
  assert.deepEqual(warmed, ['cus_big'], 'in memory: its writes patch it, no new load');
});

test('a customer already in memory is never counted towards a load', async () => {
  const { hook, warmed, cache } = setUp(5);
  await cache.get(customerKey('org_1', 'cus_1'), async () => []);
  await hook.stored(written('cus_1', 20));
  await settled();
  assert.deepEqual(warmed, []);
});

test('0 turns it off', async () => {
  const { hook, warmed } = setUp(0);
  await hook.stored(written('cus_big', 5_000));
  await settled();
  assert.deepEqual(warmed, []);
});
