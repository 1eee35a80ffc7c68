import { describe, test } from '@jest/globals';
import { DomainError, ErrorCode } from '@portico/contracts';
import { ReplicaCaches, type AmqpConnection, type ServiceClient } from '@portico/messaging';
import assert from 'node:assert/strict';
import { customerTag } from '../caching/cache-tags';
import { PortalInvoicePages } from './portal-invoice-pages';

/** A stand-in for the invoice-service's ListInvoices: records what it was asked. */
function setup() {
  const asked: Record<string, unknown>[] = [];
  const rpc = {
    call: async (_contract: unknown, request: Record<string, unknown>) => {
      asked.push(request);
      if (request.cursor === 'refused') {
        throw new DomainError(ErrorCode.ValidationFailed, 'invalid cursor');
      }
      return { invoices: [], next_cursor: null, previous_cursor: null, total_count: asked.length };
    },
  } as unknown as ServiceClient;
  const caches = new ReplicaCaches({ on: () => undefined } as unknown as AmqpConnection);
  return { asked, caches, pages: new PortalInvoicePages(rpc, caches) };
}

const first = { filter: 'all' as const, search: '' };

describe('the portal invoice pages kept by the gateway', () => {
  test('a page seen again is not asked for again', async () => {
    const { asked, pages } = setup();
    const one = await pages.page('org_1', 'cus_1', first);
    const again = await pages.page('org_1', 'cus_1', first);
    assert.equal(asked.length, 1);
    assert.equal(again.total_count, one.total_count);
  });

  test('each customer, filter, search and cursor is its own page', async () => {
    const { asked, pages } = setup();
    await pages.page('org_1', 'cus_1', first);
    await pages.page('org_1', 'cus_2', first);
    await pages.page('org_2', 'cus_1', first);
    await pages.page('org_1', 'cus_1', { ...first, filter: 'unpaid' });
    await pages.page('org_1', 'cus_1', { ...first, search: 'x\u0000' });
    await pages.page('org_1', 'cus_1', { ...first, search: 'x', cursor: '\u0000' });
    assert.equal(asked.length, 6);
  });

  test("a change announced for the customer's invoices drops its pages, not others'", async () => {
    const { asked, caches, pages } = setup();
    await pages.page('org_1', 'cus_1', first);
    await pages.page('org_1', 'cus_2', first);
    caches.invalidate(customerTag('org_1', 'cus_1'));
    await pages.page('org_1', 'cus_1', first);
    await pages.page('org_1', 'cus_2', first);
    assert.deepEqual(
      asked.map((r) => r.external_customer_id),
      ['cus_1', 'cus_2', 'cus_1'],
    );
  });

  test('a cursor the service refuses gives the first page', async () => {
    const { asked, pages } = setup();
    await pages.page('org_1', 'cus_1', { ...first, cursor: 'refused' });
    assert.deepEqual(
      asked.map((r) => r.cursor),
      ['refused', undefined],
    );
  });
});
