import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { DomainError, ErrorCode, RenderInvoicePdf, VerifyPortalSession } from '@portico/contracts';
import assert from 'node:assert/strict';
import { startInProcessGateway, type InProcessGateway } from '../../test/in-process-gateway';
import { PortalTokens } from '../portal-sessions/portal-tokens';

const PDF = Buffer.from('%PDF-1.7 portal');
const HOST = 'https://app.example.com';

describe('GET /customer-portal/:token/invoices/:id/pdf (in process)', () => {
  let gateway: InProcessGateway;
  let token: string;
  beforeAll(async () => {
    gateway = await startInProcessGateway();
    token = gateway.app.get(PortalTokens).issue({
      organizationId: 'org_pdf',
      customerId: 'jane',
      generation: 1,
      expiresInSeconds: 3_600,
    }).token;
    gateway.rpc.answer(VerifyPortalSession, () => ({
      organization: {
        id: 'org_pdf',
        name: 'Acme',
        display_name: null,
        default_document_locale: 'en',
        embed_origins: [HOST],
        brand_color: null,
        logo_url: null,
      },
      customer: {
        id: 'cus_1',
        external_id: 'jane',
        name: 'Jane',
        email: null,
        currency: 'EUR',
        document_locale: 'de',
      },
      locale: 'de',
    }));
    gateway.rpc.answer(RenderInvoicePdf, ({ invoice_id }) => {
      if (invoice_id !== 'up_mine')
        throw new DomainError(ErrorCode.InvoiceNotFound, `invoice ${invoice_id} not found`);
      return { number: 'INV-7', locale: 'de', cached: true, pdf_base64: PDF.toString('base64') };
    });
  });
  afterAll(async () => gateway.close());

  test("the customer's own invoice: the PDF, scoped to the session's customer", async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: `/customer-portal/${token}/invoices/up_mine/pdf`,
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.equal(response.headers['x-portico-pdf-cache'], 'hit');
    assert.ok(response.rawPayload.equals(PDF));
    assert.match(String(response.headers['content-security-policy']), new RegExp(HOST));
    assert.deepEqual(gateway.rpc.callsTo(RenderInvoicePdf).at(-1), {
      organization_id: 'org_pdf',
      invoice_id: 'up_mine',
      external_customer_id: 'jane',
    });
  });

  test("another customer's invoice, a draft or no invoice: the portal's not-found page", async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: `/customer-portal/${token}/invoices/up_other/pdf`,
    });
    assert.equal(response.statusCode, 404);
    assert.match(String(response.headers['content-type']), /text\/html/);
    assert.match(response.body, /data-state="not-found"/);
  });

  test('a bad token: the invalid-link page, nothing rendered', async () => {
    const before = gateway.rpc.callsTo(RenderInvoicePdf).length;
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/customer-portal/forged/invoices/up_mine/pdf',
    });
    assert.equal(response.statusCode, 401);
    assert.match(response.body, /data-state="invalid"/);
    assert.equal(gateway.rpc.callsTo(RenderInvoicePdf).length, before);
  });
});
