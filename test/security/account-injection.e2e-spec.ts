import {
  PorticoStack,
  WebhookReceiver,
  billingEvent,
  normalizeSpaces,
  pdfText,
  invoiceCreated,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

/**
 * What a customer types into "Your details" is data: markup and translation syntax in any of the
 * new fields stay the text they are in the page, in the PDF and in the operator's webhook body.
 */
const TEXT_INPUTS = [
  'name',
  'legal_name',
  'legal_number',
  'tax_identification_number',
  'address_line1',
  'address_line2',
  'city',
  'zipcode',
  'state',
  'shipping_address_line1',
  'shipping_address_line2',
  'shipping_city',
  'shipping_zipcode',
  'shipping_state',
] as const;
/** Short, so that a PDF column does not wrap it; unique per input, so each is found. */
const hostile = (input: string, index: number) =>
  `<i>k${index}</i> $t(pdf.title) {{${input.length}}}`;

describe('markup and translation syntax in the portal details stay text', () => {
  let stack: PorticoStack;
  let receiver: WebhookReceiver;
  let org: { id: string; apiKey: string };
  let portalPath = '';
  const invoice = invoiceCreated({ external_customer_id: 'cus_details' });
  const values = Object.fromEntries(TEXT_INPUTS.map((input, i) => [input, hostile(input, i)]));

  beforeAll(async () => {
    stack = await PorticoStack.start({
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOK_ALLOW_HTTP: 'true',
      PDF_RPC_TIMEOUT_MS: '60000',
    });
    receiver = await WebhookReceiver.start();
    org = await stack.createOrganization({
      name: 'Acme',
      portal_settings: {
        editable_customer_fields: [
          'name',
          'legal_name',
          'legal_number',
          'tax_identification_number',
          'address_line1',
          'address_line2',
          'city',
          'zipcode',
          'state',
          'country',
          'shipping_address',
        ],
      },
    });
    const endpoint = await stack.admin(
      'POST',
      `/admin/v1/organizations/${org.id}/webhook-endpoints`,
      {
        url: receiver.url,
        event_types: ['customer.updated_from_portal'],
      },
    );
    assert.equal(endpoint.status, 201);
    const created = await stack.request('POST', '/api/v1/customers', {
      token: org.apiKey,
      body: { customer: { external_id: 'cus_details', name: 'Plain' } },
    });
    assert.ok(created.status < 300);
    await stack.publish('invoice.created', billingEvent('invoice.created', org.id, invoice));
    const minted = await stack.request<{ customer: { portal_url: string } }>(
      'GET',
      '/api/v1/customers/cus_details/portal_url',
      { token: org.apiKey },
    );
    portalPath = new URL(minted.body.customer.portal_url).pathname;

    const form = await (await fetch(`${stack.url}${portalPath}/account`)).text();
    const formToken = /name="form_token" value="([^"]+)"/.exec(form)?.[1];
    assert.ok(formToken);
    const posted = await fetch(`${stack.url}${portalPath}/account`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ...values,
        country: 'FR',
        shipping_country: 'DE',
        form_token: formToken,
      }).toString(),
    });
    assert.equal(posted.status, 303, await posted.text());
  });
  afterAll(async () => {
    await receiver?.close();
    await stack?.stop();
  });

  test('in the page: escaped, not expanded', async () => {
    const html = await (await fetch(`${stack.url}${portalPath}/account`)).text();
    assert.ok(!html.includes('<i>k'), 'no markup from the data');
    for (const value of Object.values(values)) {
      const escaped = value.replace('<i>', '&lt;i&gt;').replace('</i>', '&lt;/i&gt;');
      assert.ok(html.includes(escaped), `${value} shown as typed`);
    }
  });

  test('in the webhook body: the exact text', async () => {
    const received = await receiver.waitForRequest('the portal edit', (r) =>
      r.body.includes('"customer.updated_from_portal"'),
    );
    const { data } = JSON.parse(received.body) as {
      data: { after: Record<string, unknown> & { shipping_address: Record<string, unknown> } };
    };
    for (const [input, value] of Object.entries(values)) {
      const actual = input.startsWith('shipping_')
        ? data.after.shipping_address[input.slice('shipping_'.length)]
        : data.after[input];
      assert.equal(actual, value, input);
    }
  });

  test('in the PDF: the text as typed, bill to and ship to', async () => {
    const token = portalPath.split('/').at(-1)!;
    const text = await waitFor(
      'a PDF with the edited details',
      async () => {
        const pdf = await fetch(`${stack.url}/customer-portal/${token}/invoices/${invoice.id}/pdf`);
        if (pdf.status !== 200) return undefined;
        const content = normalizeSpaces(await pdfText(Buffer.from(await pdf.arrayBuffer())))
          // A line the column wrapped reads as one.
          .replace(/\s+/g, ' ');
        return content.includes(values.shipping_city!) ? content : undefined;
      },
      { timeoutMs: 60_000 },
    );
    for (const input of TEXT_INPUTS) {
      assert.ok(text.includes(values[input]!), `${input} in the PDF as typed`);
    }
  });
});
