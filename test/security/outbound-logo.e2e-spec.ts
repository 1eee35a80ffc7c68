import { billingEvent, invoiceCreated, pdfText, PorticoStack, waitFor } from '@portico/testing';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

/**
 * An organization's logo URL is fetched by the invoice-service through the outbound guard: no
 * spelling of loopback reaches a listener there, and a redirect is not followed. (The positive
 * case, an allow-listed logo inlined into the PDF, is in test/e2e/invoice-pdf.e2e-spec.ts.)
 */
describe('the logo fetch refuses internal addresses', () => {
  let stack: PorticoStack;
  let listener: Server;
  let port = 0;
  const hits: string[] = [];

  beforeAll(async () => {
    listener = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.setHeader('content-type', 'image/png');
      response.end(Buffer.from('not really a png'));
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as AddressInfo).port;
    stack = await PorticoStack.start({ PDF_RPC_TIMEOUT_MS: '60000' });
  });
  afterAll(async () => {
    listener?.close();
    await stack?.stop();
  });

  const spellings = () => [
    `http://127.0.0.1:${port}/a.png`,
    `http://localhost:${port}/b.png`,
    `http://2130706433:${port}/c.png`,
    `http://0x7f.1:${port}/d.png`,
    `http://127.1:${port}/e.png`,
    `http://[::ffff:127.0.0.1]:${port}/f.png`,
  ];

  test('no spelling of loopback is fetched; the PDF is made without the logo', async () => {
    for (const [i, logoUrl] of spellings().entries()) {
      const name = `Logo Probe ${i}`;
      const org = await stack.createOrganization({ name, logo_url: logoUrl });
      const created = await stack.request('POST', '/api/v1/customers', {
        token: org.apiKey,
        body: { customer: { external_id: 'cus_logo' } },
      });
      assert.ok(created.status < 300, JSON.stringify(created.body));
      const invoice = invoiceCreated({ external_customer_id: 'cus_logo' });
      await stack.publish('invoice.created', billingEvent('invoice.created', org.id, invoice));
      const minted = await stack.request<{ customer: { portal_url: string } }>(
        'GET',
        '/api/v1/customers/cus_logo/portal_url',
        { token: org.apiKey },
      );
      const path = new URL(minted.body.customer.portal_url).pathname;
      // The organization's profile (and so its logo attempt) is in once its name is on the PDF.
      const pdf = await waitFor(`a PDF naming ${name}`, async () => {
        const response = await fetch(`${stack.url}${path}/invoices/${invoice.id}/pdf`);
        if (response.status !== 200) return undefined;
        const body = Buffer.from(await response.arrayBuffer());
        return (await pdfText(body)).includes(name) ? body : undefined;
      });
      assert.ok(!pdf.includes('/Subtype /Image') && !pdf.includes('/Subtype/Image'), logoUrl);
    }
    assert.deepEqual(hits, [], 'the loopback listener was never reached');
  });
});
