import { formatMoney, formatNumber } from '@portico/i18n';
import {
  PorticoStack,
  billingEvent,
  freePort,
  launchBrowser,
  seriousAxeViolations,
  testEnvironment,
  invoiceCreated,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import type { Browser } from 'puppeteer-core';

const XSS = '<img src=x onerror=alert(1)>';
const TRANSLATION = '$t(portal.heading) {{organization}}';

/** 40 line items, each different, the last two carrying markup and translation syntax. */
function fortyFees() {
  return Array.from({ length: 40 }, (_, i) => ({
    description: i === 38 ? `Fee ${XSS}` : i === 39 ? `Fee ${TRANSLATION}` : `Usage line ${i + 1}`,
    units: String(i + 1.5),
    unit_amount_cents: 100 + i,
    amount_cents: Math.round((i + 1.5) * (100 + i)),
  }));
}

/** Text as the browser reads it from Handlebars-escaped HTML. */
const unescape = (html: string) =>
  html
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&#x3D;', '=')
    .replaceAll('&#x60;', '`')
    .replaceAll('&amp;', '&');

/** Where a link in a portal page leads: a relative link resolves against the page's `<base>`. */
const followed = (page: string, href: string) => {
  const base = /<base href="([^"]+)">/.exec(page)?.[1];
  assert.ok(base, 'the page names its base');
  const url = new URL(unescape(href), new URL(unescape(base), 'http://portal.test'));
  return url.pathname + url.search;
};

function lineItems(page: string) {
  return [...page.matchAll(/<tr data-testid="line-item">([\s\S]*?)<\/tr>/g)].map(([, row]) => {
    const cell = (column: string) =>
      unescape(
        new RegExp(`data-column="${column}"[^>]*>(?:<bdi>)?([\\s\\S]*?)(?:</bdi>)?</t[hd]>`).exec(
          row!,
        )![1]!,
      );
    return {
      description: cell('description'),
      units: cell('units'),
      unitPrice: cell('unit_price'),
      amount: cell('amount'),
    };
  });
}

describe('the invoice details page', () => {
  let stack: PorticoStack;
  let browser: Browser;
  let host: Server;
  let hostOrigin: string;
  let org: { id: string; apiKey: string };
  const fees = fortyFees();
  const invoices: Record<string, ReturnType<typeof invoiceCreated>> = {};

  const portalPath = async (externalId: string) => {
    const response = await stack.request<{ customer: { portal_url: string } }>(
      'GET',
      `/api/v1/customers/${externalId}/portal_url`,
      { token: org.apiKey },
    );
    return new URL(response.body.customer.portal_url).pathname;
  };
  const get = (path: string) => fetch(`${stack.url}${path}`);
  const html = async (path: string) => {
    const response = await get(path);
    assert.equal(response.status, 200, path);
    return response.text();
  };

  beforeAll(async () => {
    stack = await PorticoStack.start({}, { servePublicUrl: true });
    const hostPort = await freePort();
    hostOrigin = `http://127.0.0.1:${hostPort}`;
    org = await stack.createOrganization({ name: 'Acme', embed_origins: [hostOrigin] });
    for (const [id, locale] of [
      ['aisha', 'ar'],
      ['kenji', 'ja'],
      ['bob', 'en'],
    ] as const) {
      const created = await stack.request('POST', '/api/v1/customers', {
        token: org.apiKey,
        body: {
          customer: {
            external_id: id,
            name: id,
            billing_configuration: { document_locale: locale },
          },
        },
      });
      assert.equal(created.status, 200, JSON.stringify(created.body));
    }
    const subTotal = fees.reduce((sum, fee) => sum + fee.amount_cents, 0);
    for (const customer of ['aisha', 'kenji']) {
      invoices[customer] = invoiceCreated({
        external_customer_id: customer,
        fees,
        sub_total_excluding_taxes_amount_cents: subTotal,
        taxes_amount_cents: 1_000,
        total_amount_cents: subTotal + 1_000,
        prepaid_credit_amount_cents: 700,
        credit_notes_amount_cents: 300,
        total_due_amount_cents: subTotal,
      });
    }
    invoices.draft = invoiceCreated({ external_customer_id: 'aisha', status: 'draft' });
    for (const data of Object.values(invoices))
      await stack.publish('invoice.created', billingEvent('invoice.created', org.id, data));
    await waitFor('the invoices stored', async () => {
      const response = await stack.request<{ meta: { total_count: number } }>(
        'GET',
        '/api/v1/invoices',
        { token: org.apiKey },
      );
      return response.body.meta?.total_count === 2;
    });
    // A page of the operator's product that frames the portal (its origin is an embed origin).
    host = createServer((request, response) => {
      const src = new URL(request.url!, hostOrigin).searchParams.get('src') ?? '';
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<!doctype html><iframe id="portal" src="${stack.url}${src.replaceAll('"', '')}" width="360" height="2000"></iframe>`,
        );
    });
    await new Promise<void>((resolve) => host.listen(hostPort, '127.0.0.1', resolve));
    browser = await launchBrowser(testEnvironment.chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => host?.close(resolve));
    await stack?.stop();
  });

  for (const [customer, locale, dir] of [
    ['aisha', 'ar', 'rtl'],
    ['kenji', 'ja', 'ltr'],
  ] as const) {
    test(`a 40-line invoice in ${locale} shows every fee, the credits and the amount due`, async () => {
      const invoice = invoices[customer]!;
      const base = await portalPath(customer);
      const list = await html(base);
      const link = new RegExp(
        `href="([^"]*invoices/${invoice.id}[^"]*)" data-testid="details"`,
      ).exec(list);
      assert.ok(link, 'the list links to the invoice page');
      const page = await html(followed(list, link[1]!));
      assert.ok(page.includes(`<html lang="${locale}" dir="${dir}">`));
      const money = (cents: number) => formatMoney(cents, invoice.currency, locale);
      assert.deepEqual(
        lineItems(page),
        fees.map((fee) => ({
          description: fee.description,
          units: formatNumber(Number(fee.units), locale),
          unitPrice: money(fee.unit_amount_cents),
          amount: money(fee.amount_cents),
        })),
      );
      const amount = (key: string) =>
        unescape(
          new RegExp(
            `data-amount="${key}"[^>]*><dt>[^<]*</dt><dd>(?:<span[^>]*>−</span>)?([^<]*)</dd>`,
          ).exec(page)?.[1] ?? '',
        );
      assert.equal(amount('total'), money(invoice.total_amount_cents));
      assert.equal(amount('taxes'), money(invoice.taxes_amount_cents));
      assert.equal(amount('prepaid_credit'), money(700));
      assert.equal(amount('credit_notes'), money(300));
      assert.equal(amount('amount_due'), money(invoice.total_due_amount_cents));
      assert.equal(amount('coupons'), '', 'no coupon row when none applied');
      assert.ok(page.includes(`href="${base}/invoices/${invoice.id}/pdf"`), 'the PDF link');
    });
  }

  test('markup and translation syntax in a line item stay text', async () => {
    const page = await html(`${await portalPath('kenji')}/invoices/${invoices.kenji!.id}`);
    assert.ok(!page.includes(XSS), 'never raw markup');
    assert.ok(page.includes('Fee &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;'));
    assert.ok(unescape(page).includes(`Fee ${TRANSLATION}`), 'translation syntax kept literally');
  });

  test("another customer's invoice, a draft and an unknown id are the same 404", async () => {
    const bob = await portalPath('bob');
    const aisha = await portalPath('aisha');
    for (const path of [
      `${bob}/invoices/${invoices.aisha!.id}`,
      `${aisha}/invoices/${invoices.draft!.id}`,
      `${aisha}/invoices/no-such-invoice`,
    ]) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      const page = await response.text();
      assert.match(page, /data-state="not-found"/);
      assert.ok(!page.includes('Usage line'), 'nothing of the invoice');
    }
  });

  test("the back link returns to the list's filter, search and page; framed only by embed origins", async () => {
    const base = await portalPath('aisha');
    const list = `${base}?filter=unpaid&search=${encodeURIComponent(invoices.aisha!.number)}`;
    const listPage = await html(list);
    const link = /href="([^"]*)" data-testid="details"/.exec(listPage);
    assert.ok(link);
    const response = await get(followed(listPage, link[1]!));
    assert.equal(response.status, 200);
    assert.match(
      response.headers.get('content-security-policy') ?? '',
      new RegExp(`frame-ancestors 'self' ${hostOrigin}(;|$)`),
    );
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    const back = /href="([^"]*)" data-testid="back"/.exec(await response.text());
    assert.equal(unescape(back![1]!), list);
  });

  test('in the iframe at phone width, without JavaScript: readable, no overflow, no serious axe issue', async () => {
    const path = `${await portalPath('aisha')}/invoices/${invoices.aisha!.id}`;
    const framed = await browser.newPage();
    await framed.setViewport({ width: 360, height: 800 });
    await framed.goto(`${hostOrigin}/?src=${encodeURIComponent(path)}`);
    const handle = await framed.waitForSelector('#portal');
    const frame = (await handle!.contentFrame())!;
    await frame.waitForSelector('[data-testid="invoice-details"]', { timeout: 15_000 });
    assert.equal((await frame.$$('[data-testid="line-item"]')).length, 40);
    await framed.close();

    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setBypassCSP(true);
    await page.setViewport({ width: 360, height: 800 });
    await page.goto(`${stack.url}${path}`);
    const widths = await page.evaluate(
      '({ content: document.documentElement.scrollWidth, viewport: window.innerWidth })',
    );
    const { content, viewport } = widths as { content: number; viewport: number };
    assert.ok(
      content <= viewport,
      `no horizontal scroll at phone width (${content} > ${viewport})`,
    );
    await page.setJavaScriptEnabled(true);
    await page.reload();
    assert.deepEqual(await seriousAxeViolations(page), []);
    await page.close();
  });
});
