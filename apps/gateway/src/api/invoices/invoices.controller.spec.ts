import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { DomainError, ErrorCode, GetInvoice, ListInvoices } from '@portico/contracts';
import assert from 'node:assert/strict';
import {
  answerApiKeys,
  invoiceDetail,
  startInProcessGateway,
  type InProcessGateway,
} from '../../../test/in-process-gateway';

const KEY = 'key_invoices';

describe('/api/v1/invoices (in process)', () => {
  let gateway: InProcessGateway;
  beforeAll(async () => {
    gateway = await startInProcessGateway();
    answerApiKeys(gateway.rpc, { [KEY]: 'org_inv' });
  });
  afterAll(async () => gateway.close());

  test('a page of invoices, with Lago-style meta, asked for this organization only', async () => {
    const { fees: _fees, ...summary } = invoiceDetail();
    gateway.rpc.answer(ListInvoices, () => ({
      invoices: [summary],
      next_cursor: 'c_older',
      previous_cursor: null,
      total_count: 21,
      offset: 0,
    }));
    const response = await gateway.api(
      'GET',
      '/api/v1/invoices?external_customer_id=jane&filter=unpaid&per_page=1',
      { key: KEY },
    );
    assert.equal(response.statusCode, 200);
    const body = response.json<{ invoices: unknown[]; meta: unknown }>();
    assert.equal(body.invoices.length, 1);
    assert.deepEqual(body.meta, { next_cursor: 'c_older', previous_cursor: null, total_count: 21 });
    const [call] = gateway.rpc.callsTo(ListInvoices) as Record<string, unknown>[];
    assert.equal(call?.organization_id, 'org_inv');
    assert.equal(call?.filter, 'unpaid');
    assert.equal(call?.limit, 1);
  });

  test('without external_customer_id, or with an unknown filter: 422 naming the field', async () => {
    for (const [query, field] of [
      ['', 'external_customer_id'],
      ['?external_customer_id=jane&filter=everything', 'filter'],
    ] as const) {
      const response = await gateway.api('GET', `/api/v1/invoices${query}`, { key: KEY });
      assert.equal(response.statusCode, 422, query);
      const details = response.json<{ error_details: Record<string, string[]> }>().error_details;
      assert.ok(details[field], `${field} in ${JSON.stringify(details)}`);
    }
  });

  test('one invoice with its fees; a draft or an unknown id is 404 invoice_not_found', async () => {
    gateway.rpc.answer(GetInvoice, ({ invoice_id }) => {
      if (invoice_id !== 'up_inv_1')
        throw new DomainError(ErrorCode.InvoiceNotFound, `invoice ${invoice_id} not found`);
      return { invoice: invoiceDetail() };
    });
    const found = await gateway.api('GET', '/api/v1/invoices/up_inv_1', { key: KEY });
    assert.equal(found.statusCode, 200);
    assert.equal(found.json<{ invoice: { fees: unknown[] } }>().invoice.fees.length, 1);
    const missing = await gateway.api('GET', '/api/v1/invoices/up_draft', { key: KEY });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json<{ code: string }>().code, 'invoice_not_found');
  });
});
