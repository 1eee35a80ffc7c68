import {
  PorticoStack,
  launchBrowser,
  pdfText,
  seriousAxeViolations,
  testEnvironment,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_CUSTOMERS, invoiceHistory, visibleInvoices } from '../../tools/demo/demo-data';
import { PorticoHttp } from '../../tools/demo/portico-http';
import { publishEvents, waitForInvoices } from '../../tools/demo/seed-demo';

const PASSWORD = 'a long console password';
const northwind = { ...DEMO_CUSTOMERS[0]! };

describe('the operator console in a real browser', () => {
  let stack: PorticoStack;
  let browser: Browser;
  let org: { id: string; apiKey: string };
  let other: { id: string; apiKey: string };
  const visible = visibleInvoices(invoiceHistory(northwind, { count: 6 }));
  const accounts = {
    admin: 'admin@lumen.example',
    member: 'member@lumen.example',
    viewer: 'viewer@lumen.example',
  };

  beforeAll(async () => {
    // PUBLIC_URL is the gateway itself: the portal links the console mints open in the browser.
    stack = await PorticoStack.start({}, { servePublicUrl: true, console: true });
    org = await stack.createOrganization({ name: 'Lumen', default_document_locale: 'fr' });
    other = await stack.createOrganization({ name: 'Elsewhere' });
    const http = new PorticoHttp(stack.url);
    await http.expect('POST', '/api/v1/customers', org.apiKey, {
      customer: {
        external_id: northwind.external_id,
        name: northwind.name,
        email: northwind.email,
      },
    });
    await http.expect('POST', '/api/v1/customers', org.apiKey, {
      customer: { external_id: 'acme-corp', name: 'Acme Corp', email: 'ap@acme.example' },
    });
    await http.expect('POST', '/api/v1/customers', other.apiKey, {
      customer: { external_id: 'foreign-1', name: 'Foreign Customer' },
    });
    await publishEvents(http, org.apiKey, invoiceHistory(northwind, { count: 6 }));
    await waitForInvoices(http, org.apiKey, northwind.external_id, visible.length);
    browser = await launchBrowser(testEnvironment.chromiumPath);
    for (const [role, email] of Object.entries(accounts)) {
      const { setPasswordUrl } = await stack.inviteOperator(org.id, email, role as 'admin');
      const page = await browser.newPage();
      await page.goto(setPasswordUrl);
      await page.type('#password', PASSWORD);
      await page.type('#confirm', PASSWORD);
      await Promise.all([page.waitForNavigation(), page.click('button[type="submit"].primary')]);
      await page.close();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function signIn(email: string, lang = 'en'): Promise<Page> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setExtraHTTPHeaders({ 'accept-language': lang });
    await page.goto(`${stack.consoleUrl}/login`);
    await page.type('#email', email);
    await page.type('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('[data-testid="login-form"] button')]);
    return page;
  }

  const sessionCookie = async (page: Page) =>
    (await page.browserContext().cookies()).find((c) => c.name === 'portico_console')?.value;

  const text = (page: Page, selector: string) =>
    page.$eval(selector, (el) => (el.textContent ?? '').trim());

  /** A POST from the page itself (as a forged form would be), with or without the page's token. */
  const postFromPage = (page: Page, path: string, fields: Record<string, string>) =>
    page.evaluate(
      async (target, body) => {
        const response = await fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(body).toString(),
          redirect: 'manual',
        });
        return response.status;
      },
      path,
      fields,
    );

  test('login: a wrong password stays on the login page; the session cookie changes; logout', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.goto(`${stack.consoleUrl}/customers/${northwind.external_id}?tab=invoices`);
    assert.equal(new URL(page.url()).pathname, '/login', 'signed out: the login page');
    const before = await sessionCookie(page);
    assert.ok(before);
    await page.type('#email', accounts.member);
    await page.type('#password', 'not the password');
    await Promise.all([page.waitForNavigation(), page.click('[data-testid="login-form"] button')]);
    assert.ok(await page.$('[data-testid="login-error"]'));
    await page.type('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('[data-testid="login-form"] button')]);
    assert.equal(
      new URL(page.url()).pathname + new URL(page.url()).search,
      `/customers/${northwind.external_id}?tab=invoices`,
      'back to the page asked for',
    );
    const after = await sessionCookie(page);
    assert.ok(after && after !== before, 'a new session id after login');
    const cookie = (await context.cookies()).find((c) => c.name === 'portico_console')!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    await Promise.all([page.waitForNavigation(), page.click('[data-testid="logout"]')]);
    assert.ok(await page.$('[data-testid="signed-out"]'));
    await page.goto(`${stack.consoleUrl}/customers`);
    assert.equal(new URL(page.url()).pathname, '/login');
    await context.close();
  });

  test('find a customer by name, external id or email; each row shows its language or the inherited one', async () => {
    const page = await signIn(accounts.member);
    await page.goto(`${stack.consoleUrl}/customers`);
    const rows = await page.$$eval('[data-customer]', (els) =>
      els.map((e) => e.getAttribute('data-customer')),
    );
    assert.deepEqual(rows.sort(), ['acme-corp', 'northwind'], "only this organization's customers");
    assert.match(await text(page, '[data-customer="acme-corp"] td:nth-child(4)'), /Français/);
    for (const query of ['Northw', 'NORTHWIND', 'billing@northwind']) {
      await page.goto(`${stack.consoleUrl}/customers?q=${encodeURIComponent(query)}`);
      const found = await page.$$eval('[data-customer]', (els) =>
        els.map((e) => e.getAttribute('data-customer')),
      );
      assert.deepEqual(found, ['northwind'], query);
    }
    await page.goto(`${stack.consoleUrl}/customers?q=${encodeURIComponent('.*')}`);
    assert.ok(await page.$('[data-testid="no-customers"]'), 'a search is text, not a pattern');
    await page.browserContext().close();
  });

  test('"Customer portal" opens that customer\'s portal in a new tab, with their invoices', async () => {
    const page = await signIn(accounts.member);
    await page.goto(`${stack.consoleUrl}/customers/${northwind.external_id}`);
    assert.equal(await text(page, '[data-testid="external-id"]'), northwind.external_id);
    const opened = page
      .browserContext()
      .waitForTarget((t) => t.url().includes('/customer-portal/'));
    await page.click('[data-testid="open-portal"] button');
    const portal = (await (await opened).page())!;
    await portal.waitForSelector('main#portico', { timeout: 15_000 });
    const ids = await portal.$$eval('tr[data-invoice-id]', (els) =>
      els.map((e) => e.getAttribute('data-invoice-id')),
    );
    assert.deepEqual(ids.sort(), visible.map((e) => String(e.data.id)).sort());
    assert.equal(
      await portal.$eval('html', (h) => h.lang),
      'fr',
      "the organization's language, inherited",
    );
    // "Revoke all portal links": the tab's link stops working.
    await page.bringToFront();
    await page.click('[data-testid="revoke-portal"] input[name="confirm"]');
    page.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([
      page.waitForNavigation(),
      page.click('[data-testid="revoke-portal"] button'),
    ]);
    assert.ok(await page.$('[data-testid="revoked"]'));
    const reloaded = await portal.reload();
    assert.equal(reloaded!.status(), 401);
    await page.browserContext().close();
  });

  test('Settings → German: the portal and a fresh PDF are German; Delete: back to the organization', async () => {
    const page = await signIn(accounts.member);
    const base = `${stack.consoleUrl}/customers/${northwind.external_id}`;
    await page.goto(`${base}?tab=settings`);
    assert.equal(
      await page.$eval('[data-testid="document-language"]', (e) =>
        e.getAttribute('data-inherited'),
      ),
      'true',
    );
    await Promise.all([page.waitForNavigation(), page.click('[data-testid="edit-language"]')]);
    const options = await page.$$eval('#locale option', (els) => els.map((e) => e.textContent));
    assert.equal(options.length, 13);
    assert.ok(
      options.includes('Deutsch') && options.includes('العربية') && options.includes('日本語'),
    );
    await page.select('#locale', 'de');
    await Promise.all([
      page.waitForNavigation(),
      page.click('[data-testid="language-form"] button'),
    ]);
    assert.equal(
      await page.$eval('[data-testid="document-language"]', (e) => e.getAttribute('data-locale')),
      'de',
    );

    const portalLang = async () => {
      const link = await stack.request<{ customer: { portal_url: string } }>(
        'GET',
        `/api/v1/customers/${northwind.external_id}/portal_url`,
        { token: org.apiKey },
      );
      const portal = await page.browserContext().newPage();
      await portal.goto(link.body.customer.portal_url);
      const lang = await portal.$eval('html', (h) => h.lang);
      await portal.close();
      return lang;
    };
    // customer.updated reaches the invoice-service's projection asynchronously: allow it a moment.
    const eventually = async (want: string, read: () => Promise<string>) => {
      let got = '';
      for (let i = 0; i < 40 && got !== want; i++) {
        got = await read();
        if (got !== want) await new Promise((r) => setTimeout(r, 250));
      }
      return got;
    };
    assert.equal(await portalLang(), 'de');
    const pdfHref = await page
      .$eval('[data-testid="pdf"]', (a) => a.getAttribute('href'))
      .catch(() => null);
    assert.equal(pdfHref, null, 'the settings tab has no invoice table');
    await page.goto(`${base}?tab=invoices`);
    const href = (await page.$eval('[data-testid="pdf"]', (a) => a.getAttribute('href')))!;
    const downloadPdf = () =>
      page.evaluate(async (target) => {
        const response = await fetch(target);
        return {
          status: response.status,
          lang: response.headers.get('content-language') ?? '',
          bytes: Array.from(new Uint8Array(await response.arrayBuffer())),
        };
      }, href);
    assert.equal(await eventually('de', async () => (await downloadPdf()).lang), 'de');
    const pdf = await downloadPdf();
    assert.equal(pdf.status, 200);
    assert.match(await pdfText(Buffer.from(pdf.bytes)), /Rechnung/);

    await page.goto(`${base}?tab=settings`);
    page.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([
      page.waitForNavigation(),
      page.click('[data-testid="delete-language"] button'),
    ]);
    assert.equal(
      await page.$eval('[data-testid="document-language"]', (e) =>
        e.getAttribute('data-inherited'),
      ),
      'true',
    );
    assert.match(await text(page, '[data-testid="document-language"]'), /Français/);
    assert.equal(await portalLang(), 'fr');
    assert.equal(await eventually('fr', async () => (await downloadPdf()).lang), 'fr');

    await page.goto(`${stack.consoleUrl}/activity?customer=${northwind.external_id}`);
    const changes = await page.$$eval(
      'tr[data-action="customer.document_locale_changed"]',
      (rows) =>
        rows.map((r) => [
          r.querySelector('.before')!.textContent,
          r.querySelector('.after')!.textContent,
        ]),
    );
    assert.deepEqual(changes, [
      ['de', '—'],
      ['—', 'de'],
    ]);
    await page.browserContext().close();
  });

  test('a viewer sees no edit controls and a forged POST gets 403; a POST without the form token 403', async () => {
    const viewer = await signIn(accounts.viewer);
    await viewer.goto(`${stack.consoleUrl}/customers/${northwind.external_id}?tab=settings`);
    for (const selector of [
      '[data-testid="edit-language"]',
      '[data-testid="open-portal"]',
      '[data-testid="delete-language"]',
    ])
      assert.equal(await viewer.$(selector), null, selector);
    const token = await viewer.$eval(
      'input[name="_csrf"]',
      (i) => (i as unknown as { value: string }).value,
    );
    const path = `/customers/${northwind.external_id}/document-language`;
    assert.equal(await postFromPage(viewer, path, { _csrf: token, locale: 'de' }), 403);
    await viewer.browserContext().close();

    const member = await signIn(accounts.member);
    await member.goto(`${stack.consoleUrl}/customers`);
    assert.equal(await postFromPage(member, path, { locale: 'ja' }), 403);
    const customer = await stack.request<{
      customer: { billing_configuration: { document_locale: null } };
    }>('GET', `/api/v1/customers/${northwind.external_id}`, { token: org.apiKey });
    assert.equal(customer.body.customer.billing_configuration.document_locale, null);
    await member.browserContext().close();
  });

  test("another organization's customer id in the URL is a 404 page without its data", async () => {
    const page = await signIn(accounts.admin);
    const response = await page.goto(`${stack.consoleUrl}/customers/foreign-1`);
    assert.equal(response!.status(), 404);
    assert.doesNotMatch(await page.content(), /Foreign Customer/);
    await page.browserContext().close();
  });

  test('strict headers: never framed, no inline script', async () => {
    const page = await signIn(accounts.admin);
    const response = await page.goto(`${stack.consoleUrl}/customers`);
    const csp = response!.headers()['content-security-policy']!;
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.equal(response!.headers()['x-frame-options'], 'DENY');
    assert.equal(await page.$$eval('script:not([src])', (s) => s.length), 0);
    await page.browserContext().close();
  });

  test('organization branding: a live preview of the portal; "Preview" shows unsaved changes without JavaScript, "Save" keeps them', async () => {
    const page = await signIn(accounts.admin);
    await page.goto(`${stack.consoleUrl}/settings`);
    const brandLine = (p: Page) =>
      p.$eval(
        '.portal-preview',
        (el) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { borderTopColor: string } }
          ).getComputedStyle(el).borderTopColor,
      );
    assert.equal(await text(page, '[data-testid="preview-name"]'), 'Lumen');
    assert.equal(
      await page.$eval('.portal-preview', (el) => el.getAttribute('lang')),
      'fr',
      "in the organization's language",
    );
    const before = await brandLine(page);
    // With JavaScript: the preview follows the fields as they are typed (nothing is sent).
    await page.type('#display_name', 'Lumen Billing');
    await page.type('#brand_color', '#0a7f5a');
    assert.equal(await text(page, '[data-testid="preview-name"]'), 'Lumen Billing');
    assert.equal(await brandLine(page), 'rgb(10, 127, 90)');
    await page.browserContext().close();

    // Without JavaScript: "Preview" renders the unsaved values on the server; nothing is saved.
    const plain = await signIn(accounts.admin);
    await plain.setJavaScriptEnabled(false);
    await plain.goto(`${stack.consoleUrl}/settings`);
    await plain.type('#display_name', 'Lumen Billing');
    await plain.type('#brand_color', '#0a7f5a');
    const [previewed] = await Promise.all([
      plain.waitForNavigation(),
      plain.click('[data-testid="preview-submit"]'),
    ]);
    assert.ok(await plain.$('[data-testid="previewing"]'));
    assert.equal(await text(plain, '[data-testid="preview-name"]'), 'Lumen Billing');
    assert.equal(await brandLine(plain), 'rgb(10, 127, 90)');
    const csp = previewed!.headers()['content-security-policy']!;
    assert.match(csp, /style-src 'self' 'nonce-[\w-]+'/, 'the colour comes in with a nonce');
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(await plain.$$eval('[style]', (els) => els.length), 0, 'no style attribute');
    await plain.goto(`${stack.consoleUrl}/settings`);
    assert.equal(await text(plain, '[data-testid="preview-name"]'), 'Lumen', 'nothing saved');
    assert.equal(await brandLine(plain), before);

    await plain.type('#brand_color', '#0a7f5a');
    await Promise.all([
      plain.waitForNavigation(),
      plain.click('[data-testid="organization-form"] button.primary'),
    ]);
    assert.ok(await plain.$('[data-testid="saved"]'));
    assert.equal(await brandLine(plain), 'rgb(10, 127, 90)', 'the saved colour');
    await plain.browserContext().close();
  });

  for (const lang of ['en', 'ar']) {
    test(`axe-core: no serious or critical violation on any console page (${lang})`, async () => {
      const page = await signIn(accounts.admin, lang);
      await page.setBypassCSP(true);
      const base = `/customers/${northwind.external_id}`;
      const paths = [
        '/customers',
        '/customers?q=zzz',
        `${base}?tab=overview`,
        `${base}?tab=invoices`,
        `${base}?tab=information`,
        `${base}?tab=settings`,
        `${base}?tab=settings&edit=language`,
        '/settings',
        '/settings/members',
        '/activity',
        '/customers/foreign-1',
      ];
      for (const path of paths) {
        await page.goto(`${stack.consoleUrl}${path}`);
        const attributes = await page.$eval('html', (h) => [h.lang, h.dir]);
        assert.deepEqual(attributes, [lang, lang === 'ar' ? 'rtl' : 'ltr'], path);
        assert.deepEqual(await seriousAxeViolations(page), [], path);
      }
      const anonymous = await (await browser.createBrowserContext()).newPage();
      await anonymous.setBypassCSP(true);
      await anonymous.setExtraHTTPHeaders({ 'accept-language': lang });
      const { setPasswordUrl } = await stack.inviteOperator(
        org.id,
        `axe-${lang}@lumen.example`,
        'viewer',
      );
      for (const url of [`${stack.consoleUrl}/login`, setPasswordUrl]) {
        await anonymous.goto(url);
        assert.deepEqual(await seriousAxeViolations(anonymous), [], url);
      }
      await anonymous.browserContext().close();
      await page.browserContext().close();
    });
  }
});
