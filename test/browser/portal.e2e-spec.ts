import { JwtService } from '@nestjs/jwt';
import {
  DemoHostProcess,
  PorticoStack,
  freePort,
  launchBrowser,
  pdfText,
  seriousAxeViolations,
  testEnvironment,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_CUSTOMERS, invoiceHistory, visibleInvoices } from '../../tools/demo/demo-data';
import { PorticoHttp } from '../../tools/demo/portico-http';
import { publishEvents, seedDemo, waitForInvoices } from '../../tools/demo/seed-demo';
import {
  badges,
  documentAttributes,
  follow,
  has,
  portalFrame,
  rowIds,
  text,
  waitForPortal,
} from './portal-page';

const XSS = '<img src=x onerror=alert(1)>';
const ARABIC = /[\u0600-\u06FF]/;

describe('the portal in a real browser, embedded by the demo host', () => {
  let stack: PorticoStack;
  let http: PorticoHttp;
  let apiKey: string;
  let host: DemoHostProcess;
  let strangerHost: DemoHostProcess;
  let browser: Browser;
  const northwind = DEMO_CUSTOMERS[0]!;
  const northwindVisible = visibleInvoices(invoiceHistory(northwind));
  const northwindDraft = invoiceHistory(northwind).find((e) => e.data.status === 'draft')!;

  beforeAll(async () => {
    // PUBLIC_URL is the gateway itself: the browser opens the portal URLs the API hands out.
    stack = await PorticoStack.start({}, { servePublicUrl: true });
    http = new PorticoHttp(stack.url);
    const hostPort = await freePort();
    const seeded = await seedDemo({
      porticoUrl: stack.url,
      adminToken: stack.adminToken,
      embedOrigins: [`http://127.0.0.1:${hostPort}`],
    });
    apiKey = seeded.apiKey;
    await http.expect('POST', '/api/v1/customers', apiKey, {
      customer: { external_id: 'empty-co', name: 'Empty Co' },
    });
    await http.expect('POST', '/api/v1/customers', apiKey, {
      customer: { external_id: 'xss-co', name: `Mallory ${XSS}` },
    });
    const [template] = invoiceHistory(northwind, { count: 1 }).filter(
      (e) => e.data.status !== 'draft',
    );
    await publishEvents(http, apiKey, [
      {
        ...template!,
        id: 'evt_xss_1',
        data: {
          ...template!.data,
          id: 'inv_xss_1',
          external_customer_id: 'xss-co',
          number: `X-${XSS}`,
          fees: [{ description: XSS, units: '1', unit_amount_cents: 100, amount_cents: 100 }],
        },
      },
    ]);
    await waitForInvoices(http, apiKey, 'xss-co', 1);
    host = await DemoHostProcess.start({ porticoUrl: stack.url, apiKey, port: hostPort });
    strangerHost = await DemoHostProcess.start({ porticoUrl: stack.url, apiKey });
    browser = await launchBrowser(testEnvironment.chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await strangerHost?.stop();
    await stack?.stop();
  });

  const portalUrl = async (externalId: string) =>
    (
      await http.expect<{ customer: { portal_url: string } }>(
        'GET',
        `/api/v1/customers/${externalId}/portal_url`,
        apiKey,
      )
    ).customer.portal_url;

  /** A new tab that records every message its window receives (to prove what arrives, or not). */
  async function hostPage(hostUrl: string, customer = northwind.external_id): Promise<Page> {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(`
      window.__messages = [];
      window.addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));
    `);
    await page.goto(`${hostUrl}/?customer=${encodeURIComponent(customer)}`);
    return page;
  }

  async function directPage(url: string, { javaScript = true } = {}): Promise<Page> {
    const page = await browser.newPage();
    await page.setBypassCSP(true);
    await page.setJavaScriptEnabled(javaScript);
    await page.goto(url);
    return page;
  }

  const messages = (page: Page) =>
    page.evaluate('window.__messages') as Promise<{ origin: string; data: { type: string } }[]>;
  const iframeHeight = (page: Page) =>
    page.$eval('#portico-portal iframe', (f) => Number.parseFloat(f.style.height || '0'));

  test('the host page frames the portal from another origin: totals and the first page of rows', async () => {
    const page = await hostPage(host.url);
    const frame = await portalFrame(page);
    await waitForPortal(frame);
    assert.notEqual(new URL(frame.url()).origin, new URL(host.url).origin);
    assert.ok(!(await page.content()).includes(apiKey), 'the API key stays on the server');
    assert.equal(
      await page.$eval('#portico-portal iframe', (f) => f.getAttribute('referrerpolicy')),
      'no-referrer',
    );
    assert.ok(await has(frame, '[data-testid="totals"]'));
    const ids = await rowIds(frame);
    assert.equal(ids.length, 20);
    assert.deepEqual(
      ids,
      [...northwindVisible]
        .sort((a, b) => String(b.data.issuing_date).localeCompare(String(a.data.issuing_date)))
        .slice(0, 20)
        .map((e) => e.data.id),
      'newest first',
    );
    await page.close();
  });

  test("the iframe's height follows the portal's content through resize messages", async () => {
    const page = await hostPage(host.url);
    const frame = await portalFrame(page);
    await waitForPortal(frame);
    const full = Number(await waitFor('a resize', async () => (await iframeHeight(page)) || false));
    const contentHeight = await frame.evaluate(
      'document.documentElement.getBoundingClientRect().height',
    );
    assert.ok(Math.abs(full - Number(contentHeight)) <= 2, `${full} vs ${contentHeight}`);
    const received = await messages(page);
    assert.ok(received.some((m) => m.data?.type === 'resize'));
    assert.ok(received.every((m) => m.origin === new URL(stack.url).origin));
    await follow(frame, 'nav[data-testid="filters"] a[data-filter="overdue"]');
    await waitFor('the frame to shrink', async () => (await iframeHeight(page)) < full);
    await page.close();
  });

  test('each filter lists only what it names, and marks itself as the current one', async () => {
    const page = await hostPage(host.url);
    const frame = await portalFrame(page);
    await waitForPortal(frame);
    const allowed: Record<string, string[]> = {
      paid: ['paid'],
      unpaid: ['unpaid', 'overdue', 'disputed'],
      overdue: ['overdue'],
      all: ['paid', 'unpaid', 'overdue', 'disputed', 'voided'],
    };
    for (const filter of ['paid', 'unpaid', 'overdue', 'all']) {
      await follow(frame, `nav[data-testid="filters"] a[data-filter="${filter}"]`);
      const current = await frame.$$eval(
        'nav[data-testid="filters"] a[aria-current="page"]',
        (as) => as.map((a) => a.getAttribute('data-filter')),
      );
      assert.deepEqual(current, [filter]);
      const shown = await badges(frame);
      assert.ok(shown.length > 0, `${filter} shows rows`);
      assert.ok(
        shown.every((b) => allowed[filter]!.includes(b)),
        `${filter}: ${shown.join(',')}`,
      );
    }
    await follow(frame, 'nav[data-testid="filters"] a[data-filter="overdue"]');
    const overdue = northwindVisible.filter((e) => e.data.payment_overdue === true);
    assert.deepEqual((await rowIds(frame)).sort(), overdue.map((e) => e.data.id as string).sort());
    await page.close();
  });

  test('next and previous pages: 20 rows, then the rest, then the same first page again', async () => {
    const page = await hostPage(host.url);
    const frame = await portalFrame(page);
    await waitForPortal(frame);
    const first = await rowIds(frame);
    assert.equal(await has(frame, 'a[rel="prev"]'), false);
    await follow(frame, 'a[rel="next"]');
    const second = await rowIds(frame);
    assert.equal(second.length, northwindVisible.length - 20);
    assert.equal(second.filter((id) => first.includes(id)).length, 0, 'no invoice on both pages');
    assert.equal(await has(frame, 'a[rel="next"]'), false);
    await follow(frame, 'a[rel="prev"]');
    assert.deepEqual(await rowIds(frame), first);
    await page.close();
  });

  test('search as you type narrows the list, and says when nothing matches', async () => {
    const page = await hostPage(host.url);
    const frame = await portalFrame(page);
    await waitForPortal(frame);
    const target = northwindVisible[10]!.data;
    await frame.type('form[role="search"] input[name="search"]', String(target.number));
    await waitFor('the list to narrow', async () => {
      const ids = await rowIds(frame).catch(() => []);
      return ids.length === 1 && ids[0] === target.id;
    });
    await frame.$eval('form[role="search"] input[name="search"]', (input) => {
      (input as unknown as { value: string }).value = '';
    });
    await frame.type('form[role="search"] input[name="search"]', 'NO-SUCH-INVOICE');
    await waitFor('the no-match state', () => has(frame, '[data-state="no-match"]'));
    await page.close();
  });

  test("after a search typed in place, a row's number opens its invoice and the back link returns to that search", async () => {
    const page = await hostPage(host.url);
    const frame = await portalFrame(page);
    await waitForPortal(frame);
    const listPath = new URL(frame.url()).pathname;
    const target = northwindVisible[12]!.data;
    await frame.type('form[role="search"] input[name="search"]', String(target.number));
    await waitFor('the list to narrow', async () => {
      const ids = await rowIds(frame).catch(() => []);
      return ids.length === 1 && ids[0] === target.id;
    });
    await follow(frame, 'a[data-testid="details"]');
    const details = new URL(frame.url());
    assert.equal(details.pathname, `${listPath}/invoices/${encodeURIComponent(String(target.id))}`);
    assert.equal(details.searchParams.get('search'), String(target.number));
    assert.ok((await text(frame, 'main')).includes(String(target.number)));
    await follow(frame, 'a[data-testid="back"]');
    assert.equal(new URL(frame.url()).pathname, listPath);
    assert.deepEqual(await rowIds(frame), [target.id]);
    await page.close();
  });

  test('without JavaScript the search is a plain form that still works', async () => {
    const target = northwindVisible[3]!.data;
    const page = await directPage(await portalUrl(northwind.external_id), { javaScript: false });
    await waitForPortal(page);
    await page.type('form[role="search"] input[name="search"]', String(target.number));
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(page.url(), /[?&]search=/);
    assert.deepEqual(await rowIds(page), [target.id]);
    await page.close();
  });

  test("switching the customer's language to Arabic turns the portal right-to-left", async () => {
    const customer = DEMO_CUSTOMERS.find((c) => c.locale === 'de')!;
    const setLocale = (locale: string) =>
      http.expect('POST', '/api/v1/customers', apiKey, {
        customer: {
          external_id: customer.external_id,
          billing_configuration: { document_locale: locale },
        },
      });
    const page = await hostPage(host.url, customer.external_id);
    let frame = await portalFrame(page);
    await waitForPortal(frame);
    assert.deepEqual(await documentAttributes(frame), { lang: 'de', dir: 'ltr' });
    await setLocale('ar');
    try {
      await waitFor('the Arabic portal', async () => {
        await page.reload();
        frame = await portalFrame(page);
        await waitForPortal(frame);
        return (await documentAttributes(frame)).lang === 'ar';
      });
      assert.deepEqual(await documentAttributes(frame), { lang: 'ar', dir: 'rtl' });
      assert.match(await text(frame, 'nav[data-testid="filters"]'), ARABIC);
      assert.match(await text(frame, 'table[data-testid="invoices"] thead'), ARABIC);
    } finally {
      await setLocale(customer.locale);
    }
    await page.close();
  });

  test('an expired link shows a localized error page, and the host swaps in a fresh URL', async () => {
    const customers = await http.expect<{ customers: { id: string; external_id: string }[] }>(
      'GET',
      '/api/v1/customers?per_page=100',
      apiKey,
    );
    const id = customers.customers.find((c) => c.external_id === 'dar-al-nour')!.id;
    const now = Math.floor(Date.now() / 1000);
    const expired = new JwtService({ secret: stack.jwtSecret }).sign(
      { org: 'demo', gen: 0, exp: now - 60, iat: now - 3_600 },
      {
        algorithm: 'HS256',
        audience: 'portico-portal',
        issuer: 'portico',
        subject: id,
        jwtid: 'ps_expired',
      },
    );
    const expiredUrl = `${stack.url}/customer-portal/${expired}`;

    const direct = await fetch(expiredUrl);
    assert.equal(direct.status, 401);
    const errorPage = await directPage(expiredUrl);
    assert.ok(await has(errorPage, '[data-state="expired"]'));
    await errorPage.close();
    // A dead link names no customer: the page speaks the browser's language.
    const arabicError = await browser.newPage();
    await arabicError.setExtraHTTPHeaders({ 'accept-language': 'ar' });
    await arabicError.goto(expiredUrl);
    assert.deepEqual(await documentAttributes(arabicError), { lang: 'ar', dir: 'rtl' });
    assert.match(await text(arabicError, '[data-state="expired"]'), ARABIC);
    await arabicError.close();

    const page = await hostPage(host.url, 'dar-al-nour');
    await waitForPortal(await portalFrame(page));
    await page.evaluate(`window.porticoDemo.setUrl(${JSON.stringify(expiredUrl)})`);
    await waitFor('the host to fetch a fresh URL', async () =>
      page.$eval('body', (b) => b.getAttribute('data-portal-refreshes') === '1'),
    );
    const src = await page.$eval('#portico-portal iframe', (f) => f.getAttribute('src'));
    assert.notEqual(src, expiredUrl);
    // The iframe may still be swapping documents: ask its current frame until the list is there.
    await waitFor('the fresh portal to list invoices', async () => {
      const frame = await portalFrame(page);
      return (await rowIds(frame)).length > 0;
    });
    const received = await messages(page);
    assert.ok(received.some((m) => m.data?.type === 'expired'));
    await page.close();
  });

  test('a host on an origin the organization did not allow cannot frame the portal, and hears nothing', async () => {
    const page = await hostPage(strangerHost.url);
    const handle = await page.waitForSelector('#portico-portal iframe');
    const frame = await handle!.contentFrame();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // Chromium replaces a document refused by frame-ancestors with its own error page.
    assert.ok(
      !frame || frame.url().startsWith('chrome-error://'),
      `the frame shows ${frame?.url()}`,
    );
    if (frame) assert.equal(await has(frame, 'main#portico').catch(() => false), false);
    assert.deepEqual(await messages(page), []);
    assert.equal(await iframeHeight(page), 0);
    await page.close();
  });

  describe('accessibility: no serious or critical axe violations', () => {
    const states: [string, () => Promise<string>][] = [
      ['the invoice list', () => portalUrl(northwind.external_id)],
      ['the empty state', () => portalUrl('empty-co')],
      [
        'the no-match state',
        async () => `${await portalUrl(northwind.external_id)}?search=NO-SUCH-INVOICE`,
      ],
      ['the error page', async () => `${stack.url}/customer-portal/not.a.token`],
      ['Arabic (right-to-left)', () => portalUrl('dar-al-nour')],
    ];
    for (const [state, urlOf] of states) {
      test(state, async () => {
        const page = await directPage(await urlOf());
        const violations = await seriousAxeViolations(page);
        assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
        await page.close();
      });
    }

    test('the empty, no-match and error states are the ones scanned', async () => {
      const empty = await directPage(await portalUrl('empty-co'));
      assert.ok(await has(empty, '[data-state="empty"]'));
      await empty.close();
      const noMatch = await directPage(
        `${await portalUrl(northwind.external_id)}?search=NO-SUCH-INVOICE`,
      );
      assert.ok(await has(noMatch, '[data-state="no-match"]'));
      await noMatch.close();
      const invalid = await directPage(`${stack.url}/customer-portal/not.a.token`);
      assert.ok(await has(invalid, '[data-state="invalid"]'));
      await invalid.close();
    });
  });

  describe('security', () => {
    test("another customer's link never shows this customer's invoices, not even by guessed PDF ids", async () => {
      const other = await portalUrl('boulangerie-martin');
      const page = await directPage(other);
      await waitForPortal(page);
      const ids = await rowIds(page);
      assert.ok(ids.length > 0);
      const northwindIds = new Set(northwindVisible.map((e) => e.data.id as string));
      assert.equal(ids.filter((id) => northwindIds.has(id)).length, 0);
      for (const id of [...northwindIds].slice(0, 5)) {
        const pdf = await fetch(`${other}/invoices/${encodeURIComponent(id)}/pdf`);
        assert.equal(pdf.status, 404, id);
      }
      const search = await fetch(
        `${other}?search=${encodeURIComponent(String(northwindVisible[0]!.data.number))}`,
      );
      assert.ok(!(await search.text()).includes(String(northwindVisible[0]!.data.id)));
      await page.close();
    });

    test('drafts never appear: not in the list, not by search, not as a PDF', async () => {
      const url = await portalUrl(northwind.external_id);
      const page = await directPage(url);
      await waitForPortal(page);
      const seen = await rowIds(page);
      await Promise.all([page.waitForNavigation(), page.click('a[rel="next"]')]);
      seen.push(...(await rowIds(page)));
      assert.equal(seen.length, northwindVisible.length);
      assert.ok(!seen.includes(northwindDraft.data.id as string));
      const search = await fetch(
        `${url}?search=${encodeURIComponent(String(northwindDraft.data.number))}`,
      );
      const html = await search.text();
      assert.ok(html.includes('data-state="no-match"'));
      assert.ok(!html.includes(String(northwindDraft.data.id)));
      const pdf = await fetch(`${url}/invoices/${northwindDraft.data.id}/pdf`);
      assert.equal(pdf.status, 404);
      await page.close();
    });

    test('invoice text that looks like HTML is shown as text, on the page and in the PDF', async () => {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(await portalUrl('xss-co'));
      await waitForPortal(page);
      assert.equal(
        await page.$$eval('table[data-testid="invoices"] img', (imgs) => imgs.length),
        0,
      );
      assert.ok((await text(page, '[data-column="number"]')).includes(`X-${XSS}`));
      // The line item's text reaches the customer in the PDF, where it is text too.
      // The link as the browser follows it (relative to the page's base).
      const href = await page.$eval(
        'a[data-testid="download"]',
        (a) => (a as { href: string }).href,
      );
      const pdf = await fetch(href);
      assert.equal(pdf.status, 200);
      assert.ok((await pdfText(Buffer.from(await pdf.arrayBuffer()))).includes(XSS));
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(dialogs, []);
      await page.close();
    });
  });
});
