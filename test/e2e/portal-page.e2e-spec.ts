import { JwtService } from '@nestjs/jwt';
import { InvoiceCreated } from '@portico/contracts';
import { invoiceCreated, PorticoStack, waitFor, type InvoiceData } from '@portico/testing';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

const HOST = 'https://app.acme.example';
const XSS = '<img src=x onerror=alert(1)>';

describe('the portal page: invoice history through HTTP', () => {
  let stack: PorticoStack;
  let acme: { id: string; apiKey: string };
  let jane: string;
  let bob: string;
  let empty: string;
  const janeIds: string[] = [];
  let draftId: string;
  let bobInvoiceId: string;

  const customer = (externalId: string, extra: Record<string, unknown> = {}) =>
    stack.request('POST', '/api/v1/customers', {
      token: acme.apiKey,
      body: { customer: { external_id: externalId, ...extra } },
    });
  const portalPath = async (externalId: string) => {
    const response = await stack.request<{ customer: { portal_url: string } }>(
      'GET',
      `/api/v1/customers/${externalId}/portal_url`,
      { token: acme.apiKey },
    );
    return new URL(response.body.customer.portal_url).pathname;
  };
  const open = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.url}${path}`, { headers });
  const html = async (path: string) => {
    const response = await open(path);
    assert.equal(response.status, 200, path);
    return response.text();
  };
  const rowIds = (page: string) =>
    [...page.matchAll(/data-invoice-id="([^"]+)"/g)].map((m) => m[1]);
  const hrefOf = (page: string, rel: string) =>
    new RegExp(`rel="${rel}" href="([^"]+)"`)
      .exec(page)?.[1]
      ?.replaceAll('&#x3D;', '=')
      .replaceAll('&amp;', '&');

  let sequence = 0;
  const publishInvoice = async (customerId: string, overrides: Partial<InvoiceData> = {}) => {
    sequence++;
    const id = `up_${sequence}_${randomUUID().slice(0, 6)}`;
    const day = String(1 + (sequence % 28)).padStart(2, '0');
    const month = String(1 + Math.floor(sequence / 28)).padStart(2, '0');
    const data = invoiceCreated({
      id,
      external_customer_id: customerId,
      number: `ACME-${String(sequence).padStart(4, '0')}`,
      issuing_date: `2026-${month}-${day}`,
      payment_due_date: `2026-${month}-${day}`,
      // 1 234,56 € each, the amount due left to the service (none given).
      sub_total_excluding_taxes_amount_cents: 100_000,
      taxes_amount_cents: 23_456,
      total_amount_cents: 123_456,
      total_due_amount_cents: undefined,
      fees: [{ description: 'Plan', units: 1, unit_amount_cents: 100_000, amount_cents: 100_000 }],
      ...overrides,
    });
    await stack.publishEvent(InvoiceCreated, acme.id, data);
    return id;
  };

  beforeAll(async () => {
    stack = await PorticoStack.start();
    acme = await stack.createOrganization({
      name: 'Acme',
      embed_origins: [HOST],
      brand_color: '#0a7f5a',
    });
    jane = 'jane';
    bob = 'bob';
    empty = 'newcomer';
    await customer(jane, { name: 'Jane', billing_configuration: { document_locale: 'fr' } });
    await customer(bob, { name: 'Bob' });
    await customer(empty, { name: 'New' });
    for (let i = 0; i < 22; i++) janeIds.push(await publishInvoice(jane));
    janeIds.push(
      await publishInvoice(jane, { payment_status: 'succeeded', total_due_amount_cents: 0 }),
    );
    janeIds.push(await publishInvoice(jane, { payment_overdue: true, currency: 'USD' }));
    janeIds.push(await publishInvoice(jane, { number: `HTML-${XSS}` }));
    draftId = await publishInvoice(jane, { status: 'draft', number: 'DRAFT-SECRET' });
    bobInvoiceId = await publishInvoice(bob, { number: 'BOB-ONLY' });
    await waitFor('every invoice listed', async () => {
      const response = await stack.request<{ meta: { total_count: number } }>(
        'GET',
        `/api/v1/invoices?external_customer_id=${jane}`,
        { token: acme.apiKey },
      );
      return response.body.meta?.total_count === janeIds.length;
    });
  });
  afterAll(async () => stack?.stop());

  test('newest first, 20 a page, totals per currency in the customer language, drafts never', async () => {
    const path = await portalPath(jane);
    const page = await html(path);
    assert.match(page, /<html lang="fr" dir="ltr">/);
    assert.equal(rowIds(page).length, 20);
    assert.ok(!page.includes('DRAFT-SECRET') && !page.includes(draftId), 'no draft');
    assert.ok(!page.includes('BOB-ONLY'), "not another customer's invoice");
    assert.match(page, /data-testid="totals"/);
    assert.ok(page.includes('Total facturé'), 'French labels');
    // 1 234,56 € per invoice, grouped and formatted for fr (narrow no-break spaces normalized).
    const plain = page.replace(/[\u00a0\u202f]/g, ' ');
    assert.ok(plain.includes('1 234,56 €'), 'fr money');
    assert.ok(plain.includes('1 234,56 $US'), 'the USD invoice in its own currency');
    assert.match(page, /aria-label="Totaux en USD"|Totaux en USD/);
    assert.match(page, /data-badge="overdue"/);
    assert.ok(hrefOf(page, 'next'), 'a next page');
    assert.equal(hrefOf(page, 'prev'), undefined, 'no newer page on the first');
  });

  test("each row's links lead to its invoice under the session's own path (the page's base)", async () => {
    const path = await portalPath(jane);
    const page = await html(path);
    assert.deepEqual(
      [...page.matchAll(/<base href="([^"]*)">/g)].map((m) => m[1]),
      [`${path}/`],
      'one base: the session',
    );
    const ids = rowIds(page);
    const links = [...page.matchAll(/ href="(invoices\/[^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(
      links.map((href) => new URL(href!, `http://portal.test${path}/`).pathname),
      ids.flatMap((id) => [
        `${path}/invoices/${encodeURIComponent(id)}`,
        `${path}/invoices/${encodeURIComponent(id)}/pdf`,
      ]),
    );
    const pdf = await open(new URL(links[1]!, `http://portal.test${path}/`).pathname);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  });

  test('invoice text is shown as text, never markup', async () => {
    const page = await html(`${await portalPath(jane)}?search=HTML`);
    assert.equal(rowIds(page).length, 1);
    assert.ok(page.includes('HTML-&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;'));
    assert.ok(!page.includes(XSS));
  });

  test('security headers: framed only by the embed origins, strict CSP, no referrer', async () => {
    const response = await open(await portalPath(jane));
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, new RegExp(`frame-ancestors 'self' ${HOST}(;|$)`));
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self' 'nonce-[\w+/=-]+'/, 'the brand colour only, by nonce');
    assert.match(csp, /base-uri 'self'(;|$)/, "a page's base is on its own origin");
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    const page = await response.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    assert.ok(page.includes(`<style nonce="${nonce}">:root { --brand: #0a7f5a; }</style>`));
    assert.ok(
      page.includes(`content="${HOST}"`),
      'the page script posts to the embed origins only',
    );
  });

  test('every filter, and search partial, any case, with a no-match state', async () => {
    const path = await portalPath(jane);
    const paid = await html(`${path}?filter=paid`);
    assert.deepEqual(rowIds(paid), [janeIds[22]]);
    assert.match(paid, /data-filter="paid" aria-current="page"/);
    const overdue = await html(`${path}?filter=overdue`);
    assert.deepEqual(rowIds(overdue), [janeIds[23]]);
    const unpaid = await html(`${path}?filter=unpaid`);
    assert.ok(!rowIds(unpaid).includes(janeIds[22]), 'unpaid excludes the paid one');
    const searched = await html(`${path}?search=acme-000`);
    assert.deepEqual(rowIds(searched).length, 9, 'ACME-0001 … ACME-0009');
    const none = await html(`${path}?filter=paid&search=zzz`);
    assert.match(none, /data-state="no-match"/);
    assert.equal(rowIds(none).length, 0);
  });

  test('the results fragment (as-you-type) carries the same rows and nothing else', async () => {
    const path = await portalPath(jane);
    const fragment = await html(`${path}?search=acme-001&fragment=results`);
    assert.ok(!fragment.includes('<html'));
    assert.deepEqual(rowIds(fragment), rowIds(await html(`${path}?search=acme-001`)));
  });

  test('pages both ways: older, then back to the same first page', async () => {
    const path = await portalPath(jane);
    const first = await html(path);
    const second = await html(hrefOf(first, 'next')!);
    assert.equal(rowIds(second).length, janeIds.length - 20);
    assert.ok(rowIds(second).every((id) => !rowIds(first).includes(id)));
    const back = await html(hrefOf(second, 'prev')!);
    assert.deepEqual(rowIds(back), rowIds(first));
  });

  test("another customer's token never shows this customer's invoices, by list or by id", async () => {
    const bobPath = await portalPath(bob);
    const page = await html(bobPath);
    assert.deepEqual(rowIds(page), [bobInvoiceId]);
    const guessed = await open(`${bobPath}/invoices/${janeIds[0]}/pdf`);
    assert.equal(guessed.status, 404);
    assert.match(await guessed.text(), /data-state="not-found"/);
  });

  test('a customer with no invoices sees a friendly empty state', async () => {
    const page = await html(await portalPath(empty));
    assert.match(page, /data-state="empty"/);
    assert.ok(page.includes('No invoices yet'));
  });

  test('hand-edited links fall back to defaults instead of failing', async () => {
    const path = await portalPath(jane);
    const page = await html(`${path}?filter=bogus&cursor=garbage`);
    assert.equal(rowIds(page).length, 20);
    assert.match(page, /data-filter="all" aria-current="page"/);
  });

  test("an expired link: 401, a page in the browser's language that tells the host", async () => {
    const claims = new JwtService({ secret: stack.jwtSecret }).decode<Record<string, unknown>>(
      (await portalPath(jane)).split('/').pop()!,
    );
    const expired = new JwtService({ secret: stack.jwtSecret }).sign(
      { org: claims.org, gen: claims.gen },
      {
        algorithm: 'HS256',
        audience: 'portico-portal',
        issuer: 'portico',
        subject: claims.sub as string,
        jwtid: 'ps_old',
        expiresIn: -60,
      },
    );
    const response = await open(`/customer-portal/${expired}`, {
      'accept-language': 'de-CH,de;q=0.9,en;q=0.5',
    });
    assert.equal(response.status, 401);
    const page = await response.text();
    assert.match(page, /<html lang="de" dir="ltr">/);
    assert.match(page, /data-state="expired"/);
    assert.match(page, /data-portico-signal="expired"/);
    assert.ok(page.includes('Dieser Link ist abgelaufen') || page.includes('abgelaufen'));
    const arabic = await (
      await open(`/customer-portal/${expired}`, { 'accept-language': 'ar' })
    ).text();
    assert.match(arabic, /<html lang="ar" dir="rtl">/);
  });

  test('the page assets are served, versioned and cacheable', async () => {
    const page = await html(await portalPath(jane));
    const css = /href="(\/portal-assets\/portal\.css\?v=[\w-]+)"/.exec(page)![1]!;
    const js = /src="(\/portal-assets\/portal\.js\?v=[\w-]+)"/.exec(page)![1]!;
    for (const [path, type] of [
      [css, 'text/css'],
      [js, 'text/javascript'],
    ] as const) {
      const response = await open(path);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', new RegExp(type));
      assert.match(response.headers.get('cache-control') ?? '', /immutable/);
    }
    assert.equal((await open('/portal-assets/nope.js')).status, 404);
  });

  // Last: it stops and restarts the invoice-service.
  test('with the invoice-service away, a localized "try again" page, not a hang or a trace', async () => {
    const path = await portalPath(jane);
    await stack.app('invoice-service').stop();
    try {
      // A search not seen before: a page the gateway keeps would still be shown from its copy.
      const response = await open(`${path}?search=never-seen-${Date.now()}`);
      assert.equal(response.status, 503);
      const page = await response.text();
      assert.match(page, /data-state="unavailable"/);
      assert.match(page, /<html lang="fr"/, "the session's language");
      assert.ok(!/\n\s+at \S+ \(/.test(page), 'no stack trace');
    } finally {
      stack.startApp('invoice-service');
    }
    await waitFor('the portal back', async () => (await open(path)).status === 200, {
      timeoutMs: 30_000,
    });
  });
});
