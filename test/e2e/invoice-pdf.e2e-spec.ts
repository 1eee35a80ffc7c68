import { formatDate, formatMoney, formatNumber } from '@portico/i18n';
import { InvoiceCreated } from '@portico/contracts';
import {
  billingEvent,
  invoiceCreated,
  invoiceUpdated,
  normalizeSpaces,
  pdfPageCount,
  pdfText,
  PorticoStack,
  waitFor,
  type InvoiceData,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { setTimeout as setTimeoutPromise } from 'node:timers/promises';

interface Fee {
  description: string;
  units: string;
  unit_amount_cents: number;
  amount_cents: number;
}

describe('invoice PDFs: localized, safe, cached, and only for their own customer', () => {
  let stack: PorticoStack;
  let acme: { id: string; apiKey: string };
  let globex: { id: string; apiKey: string };
  let listener: Server;
  let listenerPort = 0;
  const listenerHits: string[] = [];

  beforeAll(async () => {
    listener = createServer((request, response) => {
      listenerHits.push(request.url ?? '');
      response.end('x');
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    listenerPort = (listener.address() as AddressInfo).port;
    // The logo test serves its image from loopback, which the outbound guard refuses unless allowed.
    stack = await PorticoStack.start({
      PDF_RPC_TIMEOUT_MS: '60000',
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
    });
    acme = await stack.createOrganization({
      name: 'Acme',
      display_name: 'Acme Billing GmbH',
      default_document_locale: 'de',
      embed_origins: ['https://app.acme.example'],
      brand_color: '#0a7c4a',
    });
    globex = await stack.createOrganization({ name: 'Globex' });
  });
  afterAll(async () => {
    await stack?.stop();
    listener?.close();
  });

  let sequence = 0;
  const fee = (description: string, units = '2', unit = 12_345): Fee => ({
    description,
    units,
    unit_amount_cents: unit,
    amount_cents: Math.round(Number(units) * unit),
  });
  const invoiceData = (customer: string, overrides: Partial<InvoiceData> = {}) => {
    sequence++;
    return invoiceCreated({
      id: `up_pdf_${sequence}_${randomUUID().slice(0, 8)}`,
      external_customer_id: customer,
      number: `INV-2026-${String(sequence).padStart(4, '0')}`,
      issuing_date: '2026-03-14',
      payment_due_date: '2026-04-13',
      sub_total_excluding_taxes_amount_cents: 123_456,
      taxes_amount_cents: 24_691,
      total_amount_cents: 148_147,
      total_due_amount_cents: 148_147,
      fees: [fee('Pro plan (March)', '1', 100_000), fee('Extra seats', '3.5', 6_702)],
      updated_at: '2026-03-14T08:00:00Z',
      ...overrides,
    });
  };
  const publish = (type: string, data: InvoiceData, organizationId = acme.id) =>
    stack.publish(type, billingEvent(type, organizationId, data));
  const createCustomer = async (
    externalId: string,
    locale: string | null,
    org = acme,
    name = `Customer ${externalId}`,
  ) => {
    const response = await stack.request('POST', '/api/v1/customers', {
      token: org.apiKey,
      body: {
        customer: {
          external_id: externalId,
          name,
          email: `${externalId}@example.com`,
          billing_configuration: { document_locale: locale },
        },
      },
    });
    assert.ok(response.status < 300, JSON.stringify(response.body));
  };
  const portalToken = async (externalId: string, org = acme) => {
    const response = await stack.request<{ customer: { portal_url: string } }>(
      'GET',
      `/api/v1/customers/${externalId}/portal_url`,
      { token: org.apiKey },
    );
    return response.body.customer.portal_url.split('/customer-portal/')[1]!;
  };
  const stored = (id: string, org = acme) =>
    waitFor(`invoice ${id}`, async () => {
      const response = await stack.request('GET', `/api/v1/invoices/${id}`, { token: org.apiKey });
      return response.status === 200;
    });
  const download = async (token: string, invoiceId: string) => {
    const response = await fetch(
      `${stack.url}/customer-portal/${token}/invoices/${encodeURIComponent(invoiceId)}/pdf`,
    );
    return { response, body: Buffer.from(await response.arrayBuffer()) };
  };
  /** The customer's language reaches the invoice-service as an event: wait until it is there. */
  const downloadIn = async (token: string, invoiceId: string, locale: string) =>
    waitFor(`a ${locale} PDF of ${invoiceId}`, async () => {
      const result = await download(token, invoiceId);
      assert.equal(result.response.status, 200, result.body.toString());
      return result.response.headers.get('content-language') === locale ? result : undefined;
    });
  const plain = (text: string) => normalizeSpaces(text);

  async function assertLocalized(locale: string, currency = 'EUR') {
    const customer = `cus_${locale}_${sequence}`;
    await createCustomer(customer, locale);
    const data = invoiceData(customer, { currency });
    await publish('invoice.created', data);
    await stored(data.id);
    const { response, body } = await downloadIn(await portalToken(customer), data.id, locale);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.ok(body.subarray(0, 5).toString() === '%PDF-');
    const text = await pdfText(body);
    return { text, data, customer };
  }

  test('fr: labels, amounts as "1 234,56 €", dates and every line item', async () => {
    const { text, data, customer } = await assertLocalized('fr');
    for (const label of ['Facture', 'Numéro de facture', 'Date d’émission', 'Montant dû']) {
      assert.ok(text.includes(label), `label "${label}" in:\n${text}`);
    }
    assert.ok(text.includes(data.number));
    assert.ok(text.includes(`Customer ${customer}`));
    assert.ok(text.includes('Acme Billing GmbH'));
    assert.ok(text.includes(plain(formatMoney(148_147, 'EUR', 'fr'))), text);
    assert.ok(text.includes('1 481,47 €'), text);
    assert.ok(text.includes(plain(formatDate('2026-03-14', 'fr'))), text);
    assert.ok(text.includes(plain(formatDate('2026-04-13', 'fr'))), text);
    for (const f of data.fees) {
      assert.ok(text.includes(f.description), f.description);
      assert.ok(text.includes(plain(formatMoney(f.amount_cents, 'EUR', 'fr'))), f.description);
    }
    assert.ok(text.includes(plain(formatNumber(3.5, 'fr'))), '3,5 units');
  });

  test('ja: Japanese labels and yen without minor units', async () => {
    const { text, data } = await assertLocalized('ja', 'JPY');
    for (const label of ['請求書', '請求書番号', '発行日', 'お支払い金額', '品目']) {
      assert.ok(text.includes(label), `label "${label}" in:\n${text}`);
    }
    assert.ok(text.includes(plain(formatMoney(148_147, 'JPY', 'ja'))), text);
    assert.ok(text.includes(plain(formatDate('2026-03-14', 'ja'))), text);
    for (const f of data.fees) assert.ok(text.includes(f.description), f.description);
  });

  test('ar: right-to-left, Arabic labels, amounts and every line item', async () => {
    const { text, data } = await assertLocalized('ar');
    // pdftotext splits lam-alef ligatures (الإ comes out as اإل): labels without one are compared.
    for (const label of ['فاتورة', 'رقم الفاتورة', 'المبلغ المستحق', 'سعر الوحدة', 'الصفحة']) {
      assert.ok(text.includes(label), `label "${label}" in:\n${text}`);
    }
    // Right-to-left text comes out with bidi controls and in visual order ("€ 1,481.47" for
    // Intl's "1,481.47 €"): compare the number and the symbol, without the controls.
    const strip = (s: string) =>
      plain(s).replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g, '');
    const amount = strip(formatMoney(148_147, 'EUR', 'ar'));
    assert.ok(strip(text).includes(amount.replace('€', '').trim()), text);
    assert.ok(strip(text).includes('€ 1,481.47'), text);
    // Latin line items are isolated (<bdi>) and show in order; pdftotext's own reordering of an
    // RTL page moves their parentheses, so those are left out of the comparison.
    const bare = (s: string) => strip(s).replace(/[()]/g, '');
    for (const f of data.fees) assert.ok(bare(text).includes(bare(f.description)), f.description);
  });

  test('no customer language: the organization default (de) applies', async () => {
    await createCustomer('cus_default', null);
    const data = invoiceData('cus_default');
    await publish('invoice.created', data);
    await stored(data.id);
    const { body } = await downloadIn(await portalToken('cus_default'), data.id, 'de');
    const text = await pdfText(body);
    assert.ok(text.includes('Rechnung'), text);
    assert.ok(text.includes(plain(formatMoney(148_147, 'EUR', 'de'))), text);
  });

  test('a long invoice spans pages, each numbered "Page n of N"', async () => {
    await createCustomer('cus_long', 'en');
    const fees = Array.from({ length: 120 }, (_, i) => fee(`Usage line ${i + 1}`, '1', 100));
    const data = invoiceData('cus_long', { fees });
    await publish('invoice.created', data);
    await stored(data.id);
    const { body } = await downloadIn(await portalToken('cus_long'), data.id, 'en');
    const pages = pdfPageCount(body);
    assert.ok(pages >= 3, `${pages} pages`);
    const text = await pdfText(body);
    for (let page = 1; page <= pages; page++) {
      assert.ok(text.includes(`Page ${page} of ${pages}`), `page ${page}:\n${text}`);
    }
    for (const f of fees) assert.ok(text.includes(f.description), f.description);
  });

  test('markup in a line item is text, and the renderer requests nothing', async () => {
    await createCustomer('cus_evil', 'en');
    const evil = [
      '<script>document.write("INJECTED")</script>',
      `<img src="http://127.0.0.1:${listenerPort}/line-item">`,
      `<link rel="stylesheet" href="http://127.0.0.1:${listenerPort}/css">`,
    ];
    const data = invoiceData('cus_evil', { fees: evil.map((d) => fee(d)) });
    await publish('invoice.created', data);
    await stored(data.id);
    const { body } = await downloadIn(await portalToken('cus_evil'), data.id, 'en');
    const text = await pdfText(body);
    for (const d of evil) assert.ok(text.includes(d), `"${d}" shown as text in:\n${text}`);
    assert.ok(!text.includes('INJECTED\n'));
    assert.deepEqual(listenerHits, []);
  });

  test('the logo is fetched once by the service and inlined; the renderer fetches nothing', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const logoHits: string[] = [];
    const logos = createServer((request, response) => {
      logoHits.push(request.url ?? '');
      response.setHeader('content-type', 'image/png');
      response.end(png);
    });
    await new Promise<void>((resolve) => logos.listen(0, '127.0.0.1', resolve));
    try {
      const port = (logos.address() as AddressInfo).port;
      const branded = await stack.createOrganization({
        name: 'Logo Co',
        logo_url: `http://127.0.0.1:${port}/logo.png`,
      });
      await createCustomer('cus_logo', 'en', branded);
      const data = invoiceData('cus_logo');
      await publish('invoice.created', data, branded.id);
      await stored(data.id, branded);
      const token = await portalToken('cus_logo', branded);
      const { body } = await waitFor('a PDF with the logo', async () => {
        const result = await downloadIn(token, data.id, 'en');
        return result.body.includes('/Subtype /Image') || result.body.includes('/Subtype/Image')
          ? result
          : undefined;
      });
      assert.ok((await pdfText(body)).includes('Logo Co'));
      await download(token, data.id);
      assert.deepEqual(logoHits, ['/logo.png']);
    } finally {
      logos.close();
    }
  });

  test("another customer's invoice, another organization's, a draft and an unknown id: 404", async () => {
    await createCustomer('cus_a', 'en');
    await createCustomer('cus_b', 'en');
    const mine = invoiceData('cus_a');
    const theirs = invoiceData('cus_b');
    const draft = invoiceData('cus_a', { status: 'draft' });
    await createCustomer('cus_a', 'en', globex);
    const otherOrg = invoiceData('cus_a');
    await publish('invoice.created', mine);
    await publish('invoice.created', theirs);
    await publish('invoice.created', draft);
    await publish('invoice.created', otherOrg, globex.id);
    await stored(mine.id);
    await stored(theirs.id);
    await stored(otherOrg.id, globex);
    const token = await portalToken('cus_a');
    assert.equal((await download(token, mine.id)).response.status, 200);
    for (const id of [theirs.id, draft.id, otherOrg.id, 'up_does_not_exist']) {
      const { response, body } = await download(token, id);
      assert.equal(response.status, 404, id);
      assert.ok(!body.toString('latin1').startsWith('%PDF'));
    }
    // The operator API hides drafts too.
    const draftDownload = await stack.request('POST', `/api/v1/invoices/${draft.id}/download`, {
      token: acme.apiKey,
    });
    assert.equal(draftDownload.status, 404);
  });

  test('download headers: attachment named after the number, portal security headers', async () => {
    await createCustomer('cus_headers', 'en');
    const data = invoiceData('cus_headers', { number: 'F/2026/äö"7' });
    await publish('invoice.created', data);
    await stored(data.id);
    const { response } = await downloadIn(await portalToken('cus_headers'), data.id, 'en');
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.equal(
      response.headers.get('content-disposition'),
      `attachment; filename="F_2026____7.pdf"; filename*=UTF-8''F_2026_%C3%A4%C3%B6_7.pdf`,
    );
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.match(
      response.headers.get('content-security-policy') ?? '',
      /frame-ancestors 'self' https:\/\/app\.acme\.example/,
    );
  });

  test('cached: a repeat is served from the cache; a changed invoice or language is rendered anew', async () => {
    await createCustomer('cus_cache', 'en');
    const data = invoiceData('cus_cache');
    await publish('invoice.created', data);
    await stored(data.id);
    const token = await portalToken('cus_cache');
    const first = await downloadIn(token, data.id, 'en');
    const again = await download(token, data.id);
    assert.equal(again.response.headers.get('x-portico-pdf-cache'), 'hit');
    assert.ok(again.body.equals(first.body), 'the same bytes');

    await publish(
      'invoice.updated',
      invoiceUpdated(data, {
        fees: [...data.fees, fee('Late addition')],
        updated_at: '2026-03-15T08:00:00Z',
      }),
    );
    const updated = await waitFor('the updated invoice in its PDF', async () => {
      const result = await download(token, data.id);
      const text = await pdfText(result.body);
      return text.includes('Late addition') ? result : undefined;
    });
    assert.equal(updated.response.headers.get('x-portico-pdf-cache'), 'miss');

    await createCustomer('cus_cache', 'pl');
    const polish = await downloadIn(token, data.id, 'pl');
    assert.equal(polish.response.headers.get('x-portico-pdf-cache'), 'miss');
    assert.ok((await pdfText(polish.body)).includes('Faktura'));
    const polishAgain = await download(token, data.id);
    assert.equal(polishAgain.response.headers.get('x-portico-pdf-cache'), 'hit');
  });

  test('200 concurrent downloads of 40 invoices all complete', async () => {
    await createCustomer('cus_many', 'sv');
    const invoices = Array.from({ length: 40 }, () => invoiceData('cus_many'));
    for (const data of invoices) await publish('invoice.created', data);
    for (const data of invoices) await stored(data.id);
    const token = await portalToken('cus_many');
    await downloadIn(token, invoices[0]!.id, 'sv');
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => download(token, invoices[i % invoices.length]!.id)),
    );
    const statuses = results.map((r) => r.response.status);
    assert.deepEqual(
      statuses.filter((s) => s !== 200),
      [],
    );
    for (const { body } of results) assert.equal(body.subarray(0, 5).toString(), '%PDF-');
  });

  test('operator API: POST …/download returns the invoice with a short-lived file_url', async () => {
    await createCustomer('cus_api', 'it');
    const data = invoiceData('cus_api');
    await publish('invoice.created', data);
    await stored(data.id);
    const response = await stack.request<{
      invoice: { id: string; number: string; file_url: string };
    }>('POST', `/api/v1/invoices/${data.id}/download`, { token: acme.apiKey });
    assert.equal(response.status, 200);
    assert.equal(response.body.invoice.number, data.number);
    const fileUrl = response.body.invoice.file_url;
    assert.ok(fileUrl.startsWith(`${stack.publicUrl}/invoice-files/`), fileUrl);
    const file = await waitFor('the Italian PDF', async () => {
      const result = await fetch(fileUrl.replace(stack.publicUrl, stack.url));
      assert.equal(result.status, 200);
      return result.headers.get('content-language') === 'it' ? result : undefined;
    });
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    assert.ok((await pdfText(Buffer.from(await file.arrayBuffer()))).includes('Fattura'));
    const tampered = await fetch(`${fileUrl.replace(stack.publicUrl, stack.url)}x`);
    assert.equal(tampered.status, 404);
    // Another organization's key cannot get a URL for it.
    const foreign = await stack.request('POST', `/api/v1/invoices/${data.id}/download`, {
      token: globex.apiKey,
    });
    assert.equal(foreign.status, 404);
  });
  test('the gateway keeps a served PDF: a repeat is confirmed, not resent; scope is still checked', async () => {
    await createCustomer('cus_held', 'en');
    await createCustomer('cus_other', 'en');
    const data = invoiceData('cus_held');
    await publish('invoice.created', data);
    await stored(data.id);
    const token = await portalToken('cus_held');
    const first = await downloadIn(token, data.id, 'en');
    const again = await download(token, data.id);
    assert.equal(again.response.headers.get('x-portico-pdf-source'), 'gateway');
    assert.equal(again.response.headers.get('x-portico-pdf-cache'), 'hit');
    assert.ok(again.body.equals(first.body), 'the same bytes');

    // The gateway holds this invoice's PDF; another customer still gets the same 404 as ever.
    const stranger = await download(await portalToken('cus_other'), data.id);
    assert.equal(stranger.response.status, 404);

    await publish(
      'invoice.updated',
      invoiceUpdated(data, {
        fees: [...data.fees, fee('Held no more')],
        updated_at: '2026-03-16T08:00:00Z',
      }),
    );
    const updated = await waitFor('the updated invoice in its PDF', async () => {
      const result = await download(token, data.id);
      return (await pdfText(result.body)).includes('Held no more') ? result : undefined;
    });
    assert.equal(updated.response.headers.get('x-portico-pdf-source'), 'render');
    const afterUpdate = await download(token, data.id);
    assert.equal(afterUpdate.response.headers.get('x-portico-pdf-source'), 'gateway');
    assert.ok(afterUpdate.body.equals(updated.body), 'the new PDF, now held');
  });
  test("a held, confirmed PDF gives way at once when the organization's details change", async () => {
    await createCustomer('cus_rebrand', 'en', globex);
    const data = invoiceData('cus_rebrand');
    await publish('invoice.created', data, globex.id);
    await stored(data.id, globex);
    const token = await portalToken('cus_rebrand', globex);
    await download(token, data.id);
    // Once the gateway has confirmed it, the next downloads ask nobody.
    await waitFor('the PDF held and confirmed', async () => {
      const results = await Promise.all([1, 2, 3, 4].map(() => download(token, data.id)));
      return results.every((r) => r.response.headers.get('x-portico-pdf-source') === 'gateway');
    });
    const renamed = await stack.admin('PUT', `/admin/v1/organizations/${globex.id}`, {
      display_name: 'Globex Renamed Ltd',
    });
    assert.equal(renamed.status, 200);
    // Well within PDF_GATEWAY_CONFIRM_SECONDS (60): the announcement ends the confirmation.
    const rebranded = await waitFor(
      'the new name in the PDF',
      async () => {
        const result = await download(token, data.id);
        return plain(await pdfText(result.body)).includes('Globex Renamed Ltd')
          ? result
          : undefined;
      },
      { timeoutMs: 20_000 },
    );
    assert.notEqual(rebranded.response.headers.get('x-portico-pdf-source'), 'gateway');
  });
});

describe('invoice PDFs rendered ahead of the first download (PDF_PRERENDER=true)', () => {
  let stack: PorticoStack;
  let acme: { id: string; apiKey: string };

  beforeAll(async () => {
    stack = await PorticoStack.start({ PDF_PRERENDER: 'true' });
    acme = await stack.createOrganization({ name: 'Acme', default_document_locale: 'nl' });
  });
  afterAll(async () => stack?.stop());

  test('the first download after invoice.created is already a cache hit', async () => {
    await stack.request('POST', '/api/v1/customers', {
      token: acme.apiKey,
      body: { customer: { external_id: 'cus_pre', name: 'Pre' } },
    });
    const token = (
      await stack.request<{ customer: { portal_url: string } }>(
        'GET',
        '/api/v1/customers/cus_pre/portal_url',
        { token: acme.apiKey },
      )
    ).body.customer.portal_url.split('/customer-portal/')[1]!;
    // The customer's projection first, so the pre-rendered PDF is the one the download wants.
    await setTimeoutPromise(500);
    const id = `up_pre_${randomUUID().slice(0, 8)}`;
    const data = invoiceCreated({
      id,
      external_customer_id: 'cus_pre',
      number: 'PRE-1',
      invoice_type: 'one_off',
      fees: [{ description: 'Setup', units: 1, unit_amount_cents: 10_000, amount_cents: 10_000 }],
    });
    await stack.publishEvent(InvoiceCreated, acme.id, data, { id: `evt_${id}` });
    // Nobody asked for it: the invoice-service rendered and stored it on its own.
    await waitFor('the pre-rendered PDF in the cache', () =>
      stack.withInvoicesDb(
        async (db) => (await db.collection('invoice_pdfs').countDocuments()) > 0,
      ),
    );
    const response = await fetch(`${stack.url}/customer-portal/${token}/invoices/${id}/pdf`);
    assert.equal(response.status, 200);
    assert.equal(
      (await pdfText(Buffer.from(await response.arrayBuffer()))).includes('Setup'),
      true,
    );
    assert.equal(response.headers.get('content-language'), 'nl');
    assert.equal(response.headers.get('x-portico-pdf-cache'), 'hit');
  });
});
