import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { DomainError, ErrorCode, RenderInvoicePdf } from '@portico/contracts';
import assert from 'node:assert/strict';
import { startInProcessGateway, type InProcessGateway } from '../../test/in-process-gateway';
import { InvoiceFileUrls } from './invoice-file-urls';

const PDF = Buffer.from('%PDF-1.7 in-process');

describe('GET /invoice-files/:token (in process)', () => {
  let gateway: InProcessGateway;
  let urls: InvoiceFileUrls;
  const pathOf = (url: string) => new URL(url).pathname;
  beforeAll(async () => {
    gateway = await startInProcessGateway();
    urls = gateway.app.get(InvoiceFileUrls);
  });
  afterAll(async () => gateway.close());

  test('a signed link: the PDF, named after the invoice, never cached or sniffed', async () => {
    gateway.rpc.answer(RenderInvoicePdf, () => ({
      number: 'INV-0001',
      locale: 'fr',
      cached: false,
      pdf_base64: PDF.toString('base64'),
    }));
    const response = await gateway.app.inject({
      method: 'GET',
      url: pathOf(urls.url('org_files', 'up_inv_1')),
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.match(String(response.headers['content-disposition']), /INV-0001\.pdf/);
    assert.equal(response.headers['cache-control'], 'private, no-store');
    assert.equal(response.headers['content-language'], 'fr');
    assert.ok(response.rawPayload.equals(PDF));
    assert.deepEqual(gateway.rpc.callsTo(RenderInvoicePdf).at(-1), {
      organization_id: 'org_files',
      invoice_id: 'up_inv_1',
    });
  });

  test('a tampered link: 404, and nothing rendered', async () => {
    const before = gateway.rpc.callsTo(RenderInvoicePdf).length;
    const path = pathOf(urls.url('org_files', 'up_inv_1'));
    const response = await gateway.app.inject({ method: 'GET', url: `${path.slice(0, -2)}xx` });
    assert.equal(response.statusCode, 404);
    assert.equal(gateway.rpc.callsTo(RenderInvoicePdf).length, before);
  });

  test('the renderer busy: 503 in the API error shape', async () => {
    gateway.rpc.answer(RenderInvoicePdf, () => {
      throw new DomainError(ErrorCode.PdfRendererBusy, 'the renderer is busy');
    });
    const response = await gateway.app.inject({
      method: 'GET',
      url: pathOf(urls.url('org_files', 'up_inv_2')),
    });
    assert.equal(response.statusCode, 503);
    assert.equal(response.json<{ code: string }>().code, 'pdf_renderer_busy');
  });
});
