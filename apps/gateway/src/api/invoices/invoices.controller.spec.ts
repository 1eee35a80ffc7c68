import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { DomainError, ErrorCode, GetInvoice, SearchInvoices } from '@portico/contracts';
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
    const { fees: _fees, ...listed } = invoiceDetail();
    const meta = {
      current_page: 1,
      next_page: 2,
      prev_page: null,
      total_pages: 21,
      total_count: 21,
      next_cursor: 'c_older',
      previous_cursor: null,
    };
    gateway.rpc.answer(SearchInvoices, () => ({ invoices: [listed], meta }));
    const response = await gateway.api(
      'GET',
      '/api/v1/invoices?external_customer_id=jane&filter=unpaid&payment_overdue=true&per_page=1',
      { key: KEY },
    );
    assert.equal(response.statusCode, 200);
    const body = response.json<{ invoices: unknown[]; meta: unknown }>();
    assert.equal(body.invoices.length, 1);
    assert.deepEqual(body.meta, meta);
    const [call] = gateway.rpc.callsTo(SearchInvoices) as Record<string, unknown>[];
    assert.equal(call?.organization_id, 'org_inv');
    assert.equal(call?.filter, 'unpaid');
    assert.equal(call?.payment_overdue, true);
    assert.equal(call?.per_page, 1);
    assert.equal(call?.page, 1);
  });

  test("external_customer_id is optional (Lago's list); an unknown filter or status is 422", async () => {
    const all = await gateway.api('GET', '/api/v1/invoices', { key: KEY });
    assert.equal(all.statusCode, 200);
    for (const [query, field] of [
      ['?filter=everything', 'filter'],
      ['?status=lost', 'status'],
      ['?issuing_date_from=yesterday', 'issuing_date_from'],
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
    const invoice = found.json<{ invoice: { lago_id: string; fees: { units: unknown }[] } }>()
      .invoice;
    assert.equal(invoice.lago_id, 'up_inv_1');
    assert.equal(invoice.fees.length, 1);
    assert.equal(typeof invoice.fees[0]!.units, 'string', "Lago's decimal string");
    const missing = await gateway.api('GET', '/api/v1/invoices/up_draft', { key: KEY });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json<{ code: string }>().code, 'invoice_not_found');
  });
});
