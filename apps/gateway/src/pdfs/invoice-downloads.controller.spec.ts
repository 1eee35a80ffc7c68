import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { DomainError, ErrorCode, GetInvoice } from '@portico/contracts';
import assert from 'node:assert/strict';
import {
  answerApiKeys,
  invoiceDetail,
  startInProcessGateway,
  type InProcessGateway,
} from '../../test/in-process-gateway';

const KEY = 'key_downloads';
const PUBLIC_URL = 'https://portal.example.com';

describe('POST /api/v1/invoices/:id/download (in process)', () => {
  let gateway: InProcessGateway;
  beforeAll(async () => {
    gateway = await startInProcessGateway({ PUBLIC_URL });
    answerApiKeys(gateway.rpc, { [KEY]: 'org_dl' });
    gateway.rpc.answer(GetInvoice, ({ invoice_id }) => {
      if (invoice_id !== 'up_inv_1')
        throw new DomainError(ErrorCode.InvoiceNotFound, `invoice ${invoice_id} not found`);
      return { invoice: invoiceDetail() };
    });
  });
  afterAll(async () => gateway.close());

  test("the invoice with a file_url under PUBLIC_URL (Lago's shape)", async () => {
    const response = await gateway.api('POST', '/api/v1/invoices/up_inv_1/download', { key: KEY });
    assert.equal(response.statusCode, 200);
    const { invoice } = response.json<{ invoice: { id: string; file_url: string } }>();
    assert.equal(invoice.id, 'up_inv_1');
    assert.match(invoice.file_url, new RegExp(`^${PUBLIC_URL}/invoice-files/[\\w.-]+$`));
  });

  test('an unknown (or draft) invoice: 404, and no link is handed out', async () => {
    const response = await gateway.api('POST', '/api/v1/invoices/up_draft/download', { key: KEY });
    assert.equal(response.statusCode, 404);
    assert.ok(!response.body.includes('/invoice-files/'));
  });
});
