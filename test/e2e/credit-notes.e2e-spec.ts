import { formatMoney } from '@portico/i18n';
import {
  LagoSender,
  PorticoStack,
  launchBrowser,
  seriousAxeViolations,
  billingEvent,
  lagoCreditNote,
  lagoWebhook,
  normalizeSpaces,
  pdfText,
  testEnvironment,
  creditNoteCreated,
  invoiceCreated,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

const XSS = '<img src=x onerror=alert(1)>';
const TRANSLATION = '$t(portal.heading)';

describe('credit notes: stored from events and Lago, listed in the portal, downloadable in French', () => {
  let stack: PorticoStack;
  let org: { id: string; apiKey: string };
  const invoice = invoiceCreated({ external_customer_id: 'marie', number: 'FAC-0001' });
  const first = creditNoteCreated({
    external_customer_id: 'marie',
    invoice_id: invoice.id,
    invoice_number: invoice.number,
    issuing_date: '2026-10-10',
    reason: 'product_unsatisfactory',
    description: `Panne ${XSS} ${TRANSLATION}`,
    items: [{ description: `Forfait ${XSS}`, amount_cents: 2_500 }],
  });
  const second = creditNoteCreated({
    external_customer_id: 'marie',
    invoice_id: invoice.id,
    invoice_number: invoice.number,
    issuing_date: '2026-10-20',
    reason: 'duplicated_charge',
    credit_status: null,
    refund_status: 'succeeded',
    credit_amount_cents: 0,
    refund_amount_cents: 3_000,
    balance_amount_cents: 0,
  });
  const bobs = creditNoteCreated({ external_customer_id: 'bob', number: 'CN-BOB-ONLY' });

  const portalPath = async (externalId: string) => {
    const response = await stack.request<{ customer: { portal_url: string } }>(
      'GET',
      `/api/v1/customers/${externalId}/portal_url`,
      { token: org.apiKey },
    );
    return new URL(response.body.customer.portal_url).pathname;
  };
  const page = async (externalId: string) => {
    const response = await fetch(`${stack.url}${await portalPath(externalId)}`);
    assert.equal(response.status, 200);
    return response.text();
  };
  const rows = (html: string) =>
    [...html.matchAll(/data-credit-note-id="([^"]+)"/g)].map((m) => m[1]);
  const publish = (type: string, data: unknown) =>
    stack.publish(type, billingEvent(type, org.id, data));

  beforeAll(async () => {
    stack = await PorticoStack.start();
    org = await stack.createOrganization({ name: 'Acme' });
    for (const [id, locale] of [
      ['marie', 'fr'],
      ['bob', 'en'],
      ['nobody', 'fr'],
    ] as const) {
      await stack.request('POST', '/api/v1/customers', {
        token: org.apiKey,
        body: {
          customer: {
            external_id: id,
            name: id,
            billing_configuration: { document_locale: locale },
          },
        },
      });
    }
    await publish('invoice.created', invoice);
    for (const note of [first, second, bobs]) await publish('credit_note.created', note);
    await waitFor('the credit notes listed', async () => rows(await page('marie')).length === 2);
  });
  afterAll(async () => stack?.stop());

  test('listed newest first in French, with their invoice; escaped; none → no section', async () => {
    const html = await page('marie');
    assert.deepEqual(rows(html), [second.id, first.id]);
    assert.ok(html.includes('Avoirs'), 'the French heading');
    assert.ok(html.includes('Produit insatisfaisant') && html.includes('Facturation en double'));
    assert.ok(html.includes('Remboursé'), 'the refund status');
    const plain = normalizeSpaces(html);
    assert.ok(plain.includes(normalizeSpaces(formatMoney(first.total_amount_cents, 'EUR', 'fr'))));
    assert.match(
      html,
      new RegExp(`href="[^"]*/invoices/${invoice.id}" data-testid="credited-invoice"`),
    );
    assert.ok(!html.includes('CN-BOB-ONLY'));
    assert.ok(!html.includes(XSS));
    assert.doesNotMatch(await page('nobody'), /data-testid="credit-notes"/, 'hidden when none');
  });

  test('downloadable as a French PDF from the invoices renderer; text stays text', async () => {
    const path = `${await portalPath('marie')}/credit-notes/${first.id}/pdf`;
    const response = await fetch(`${stack.url}${path}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.equal(response.headers.get('content-language'), 'fr');
    const text = await pdfText(Buffer.from(await response.arrayBuffer()));
    for (const expected of [
      'Avoir',
      first.number,
      invoice.number,
      'Produit insatisfaisant',
      `Forfait ${XSS}`,
      TRANSLATION,
      normalizeSpaces(formatMoney(first.total_amount_cents, 'EUR', 'fr')),
      'Crédit restant',
    ])
      assert.ok(text.includes(expected), `the PDF shows ${expected}:\n${text}`);
  });

  test('at phone width: no horizontal scroll, no serious accessibility issue', async () => {
    const browser = await launchBrowser(testEnvironment.chromiumPath);
    try {
      const tab = await browser.newPage();
      await tab.setBypassCSP(true);
      await tab.setViewport({ width: 360, height: 800 });
      await tab.goto(`${stack.url}${await portalPath('marie')}`);
      await tab.waitForSelector('[data-testid="credit-notes"]');
      const widths = (await tab.evaluate(
        '({ content: document.documentElement.scrollWidth, viewport: window.innerWidth })',
      )) as { content: number; viewport: number };
      assert.ok(widths.content <= widths.viewport, JSON.stringify(widths));
      assert.deepEqual(await seriousAxeViolations(tab), []);
    } finally {
      await browser.close();
    }
  });

  test("another customer's credit note is a 404", async () => {
    const response = await fetch(
      `${stack.url}${await portalPath('bob')}/credit-notes/${first.id}/pdf`,
    );
    assert.equal(response.status, 404);
  });

  test('newer wins, a replay or an older update changes nothing', async () => {
    await publish('credit_note.updated', {
      ...first,
      credit_status: 'voided',
      updated_at: '2026-10-01T00:00:00Z',
    });
    await publish('credit_note.updated', {
      ...first,
      credit_status: 'consumed',
      balance_amount_cents: 0,
      updated_at: '2026-11-01T00:00:00Z',
    });
    await waitFor('the newer update', async () => (await page('marie')).includes('Utilisé'));
    await publish('credit_note.updated', {
      ...first,
      credit_status: 'voided',
      updated_at: '2026-10-30T00:00:00Z',
    });
    // An event after it, to know the older one was handled before looking.
    const marker = creditNoteCreated({
      external_customer_id: 'marie',
      issuing_date: '2026-01-01',
    });
    await publish('credit_note.created', marker);
    await waitFor('the marker', async () => rows(await page('marie')).includes(marker.id));
    const html = await page('marie');
    assert.ok(html.includes('Utilisé') && !html.includes('Annulé'), 'the older update lost');
  });

  test('a poison credit note is dead-lettered with the reason', async () => {
    await publish('credit_note.created', {
      ...creditNoteCreated(),
      reason: 'because',
      number: '',
    });
    const reason = await stack.deadLetterReason();
    assert.match(reason, /^invalid_payload: /);
    assert.match(reason, /data\.reason: /);
    assert.match(reason, /data\.number: /);
  });

  test("Lago's credit_note.created webhook lands in the customer's list", async () => {
    const lago = new LagoSender();
    await stack.admin('PUT', `/admin/v1/organizations/${org.id}/lago`, { hmac_key: lago.hmacKey });
    const note = lagoCreditNote({ externalCustomerId: 'marie', lagoInvoiceId: invoice.id });
    const body = JSON.stringify(lagoWebhook('credit_note.created', 'credit_note', note));
    const response = await fetch(`${stack.url}/webhooks/lago/${org.id}`, {
      method: 'POST',
      headers: lago.headers(body),
      body,
    });
    assert.ok(response.status < 300, `the bridge accepted it (${response.status})`);
    await waitFor('the Lago note listed', async () =>
      rows(await page('marie')).includes(note.lago_id),
    );
  });
});
