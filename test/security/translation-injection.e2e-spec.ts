import { I18N_LOCALES_DIR } from '@portico/i18n';
import {
  billingEvent,
  invoiceCreated,
  normalizeSpaces,
  pdfText,
  PorticoStack,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

/**
 * Names, numbers and descriptions are data: translation syntax in them is shown as typed, never
 * expanded into another message (nestjs-i18n expands `$t(key)` inside interpolated values).
 */
const en = (file: string) =>
  JSON.parse(readFileSync(join(I18N_LOCALES_DIR, 'en', file), 'utf8')) as Record<string, unknown>;
const portalText = en('portal.json') as { error: Record<string, string>; title?: string };
const pdfTexts = en('pdf.json') as Record<string, string>;

const ORGANIZATION_NAME = '$t(portal.error.invalid_title) {{organization}}';
const CUSTOMER_NAME = '$t(portal.error.expired_title) {{customer}} {customer}';
const INVOICE_NUMBER = '$t(pdf.title) {{number}}';
const FEE_DESCRIPTION = '$t(pdf.voided_notice) {{currency}}';

describe('translation syntax in user data stays literal', () => {
  let stack: PorticoStack;
  let org: { id: string; apiKey: string };
  const invoice = invoiceCreated({
    external_customer_id: 'cus_inject',
    number: INVOICE_NUMBER,
    fees: [{ description: FEE_DESCRIPTION, units: '1', unit_amount_cents: 100, amount_cents: 100 }],
  });
  let portalPath = '';

  beforeAll(async () => {
    stack = await PorticoStack.start({ PDF_RPC_TIMEOUT_MS: '60000' });
    org = await stack.createOrganization({ name: ORGANIZATION_NAME });
    const created = await stack.request('POST', '/api/v1/customers', {
      token: org.apiKey,
      body: { customer: { external_id: 'cus_inject', name: CUSTOMER_NAME } },
    });
    assert.ok(created.status < 300, JSON.stringify(created.body));
    await stack.publish('invoice.created', billingEvent('invoice.created', org.id, invoice));
    await waitFor('the invoice', async () => {
      const response = await stack.request('GET', `/api/v1/invoices/${invoice.id}`, {
        token: org.apiKey,
      });
      return response.status === 200;
    });
    const minted = await stack.request<{ customer: { portal_url: string } }>(
      'GET',
      '/api/v1/customers/cus_inject/portal_url',
      { token: org.apiKey },
    );
    portalPath = new URL(minted.body.customer.portal_url).pathname;
  });
  afterAll(async () => stack?.stop());

  test('in the portal page', async () => {
    const response = await fetch(`${stack.url}${portalPath}`);
    assert.equal(response.status, 200);
    const html = await response.text();
    for (const literal of [ORGANIZATION_NAME, CUSTOMER_NAME, INVOICE_NUMBER]) {
      assert.ok(html.includes(literal), `"${literal}" shown as typed`);
    }
    for (const expanded of [portalText.error.expired_title!, portalText.error.invalid_title!]) {
      assert.ok(!html.includes(expanded), `"${expanded}" must not appear`);
    }
  });

  test('in the PDF', async () => {
    // The customer's details reach the invoice-service as an event: wait until the PDF has them.
    const text = await waitFor('a PDF with the customer’s name', async () => {
      const response = await fetch(
        `${stack.url}${portalPath}/invoices/${encodeURIComponent(invoice.id)}/pdf`,
      );
      assert.equal(response.status, 200);
      const pdf = Buffer.from(await response.arrayBuffer());
      // Long names wrap: compare with every run of whitespace as one space.
      const found = normalizeSpaces(await pdfText(pdf)).replace(/\s+/g, ' ');
      return found.includes('{{customer}}') ? found : undefined;
    });
    for (const literal of [CUSTOMER_NAME, INVOICE_NUMBER, FEE_DESCRIPTION]) {
      assert.ok(text.includes(literal), `"${literal}" in the PDF as typed: ${text}`);
    }
    assert.ok(!text.includes(pdfTexts.voided_notice!), 'no message expanded from a description');
  });
});
