import {
  billingEvent,
  DemoHostProcess,
  PorticoStack,
  freePort,
  launchBrowser,
  seriousAxeViolations,
  testEnvironment,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import type { Browser, Page } from 'puppeteer-core';
import { documentAttributes, follow, has, portalFrame, text, waitForPortal } from './portal-page';

const ARABIC = /[\u0600-\u06FF]/;
const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 375, height: 740 },
} as const;

describe('prepaid credits in a real browser: the Credits section and a wallet page', () => {
  let stack: PorticoStack;
  let org: { id: string; apiKey: string };
  let host: DemoHostProcess;
  let browser: Browser;
  const walletOf: Record<string, string> = {};

  const publish = (type: string, data: Record<string, unknown>) =>
    stack.publish(type, billingEvent(type, org.id, data));
  const portalUrl = async (externalId: string) => {
    const response = await stack.request<{ customer: { portal_url: string } }>(
      'GET',
      `/api/v1/customers/${externalId}/portal_url`,
      { token: org.apiKey },
    );
    return response.body.customer.portal_url;
  };

  beforeAll(async () => {
    stack = await PorticoStack.start({}, { servePublicUrl: true });
    const hostPort = await freePort();
    org = await stack.createOrganization({
      name: 'Hooli',
      embed_origins: [`http://127.0.0.1:${hostPort}`],
    });
    const settings = await stack.admin(
      'PATCH',
      `/admin/v1/organizations/${org.id}/portal-settings`,
      { wallet_top_up: true },
    );
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
    for (const [id, locale] of [
      ['credits-en', 'en'],
      ['credits-ar', 'ar'],
    ] as const) {
      const created = await stack.request('POST', '/api/v1/customers', {
        token: org.apiKey,
        body: {
          customer: {
            external_id: id,
            name: `Customer ${locale}`,
            billing_configuration: { document_locale: locale },
          },
        },
      });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const walletId = `w_${locale}_${randomUUID().slice(0, 6)}`;
      walletOf[id] = walletId;
      await publish('wallet.created', {
        id: walletId,
        external_customer_id: id,
        status: 'active',
        currency: 'EUR',
        name: 'Team credits',
        rate_amount: '1.5',
        credits_balance: '1234.5',
        balance_cents: 185_175,
        consumed_credits: '265.5',
        paid_top_up_min_amount_cents: 1_500,
        paid_top_up_max_amount_cents: 150_000,
        expiration_at: '2027-06-30T00:00:00Z',
        created_at: '2026-11-01T00:00:00Z',
        updated_at: '2026-11-01T00:00:00Z',
      });
      for (let i = 0; i < 23; i++) {
        const at = new Date(Date.UTC(2026, 10, 2, i)).toISOString();
        await publish('wallet_transaction.created', {
          id: `t_${locale}_${i}_${randomUUID().slice(0, 4)}`,
          wallet_id: walletId,
          status: ['settled', 'pending', 'failed'][i % 3],
          transaction_status: i % 2 ? 'purchased' : 'invoiced',
          transaction_type: i % 2 ? 'inbound' : 'outbound',
          amount: '15.0',
          credit_amount: '10.0',
          created_at: at,
          updated_at: at,
        });
      }
    }
    for (const id of Object.keys(walletOf)) {
      const url = await portalUrl(id);
      await waitFor(`the wallet of ${id}`, async () => {
        // All 23 stored: the second page holds the last 3.
        const html = await (await fetch(`${url}/wallets/${walletOf[id]}?page=2`)).text();
        return html.split('data-transaction-id=').length - 1 === 3;
      });
    }
    host = await DemoHostProcess.start({
      porticoUrl: stack.url,
      apiKey: org.apiKey,
      port: hostPort,
    });
    browser = await launchBrowser(testEnvironment.chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await stack?.stop();
  });

  async function directPage(url: string, viewport: { width: number; height: number }) {
    const page = await browser.newPage();
    await page.setBypassCSP(true);
    await page.setViewport(viewport);
    await page.goto(url);
    await waitForPortal(page);
    return page;
  }

  /** Nothing wider than the viewport: the page never scrolls sideways in a narrow iframe. */
  const overflows = (page: Page) =>
    page.evaluate('document.documentElement.scrollWidth > window.innerWidth') as Promise<boolean>;

  for (const [customer, lang] of [
    ['credits-en', 'en'],
    ['credits-ar', 'ar'],
  ] as const) {
    for (const [width, viewport] of Object.entries(VIEWPORTS)) {
      describe(`${lang} at ${width} width`, () => {
        test('the Credits section: figures, direction, no serious axe violation', async () => {
          const page = await directPage(await portalUrl(customer), viewport);
          assert.ok(await has(page, '[data-testid="credits"]'));
          const attributes = await documentAttributes(page);
          assert.equal(attributes.dir, lang === 'ar' ? 'rtl' : 'ltr');
          const heading = await text(page, '#credits-heading');
          if (lang === 'ar') assert.match(heading, ARABIC);
          else assert.equal(heading, 'Prepaid credits');
          const balance = await text(page, '[data-figure="balance"]');
          assert.equal(
            balance,
            new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR' }).format(1851.75),
          );
          assert.equal(
            await text(page, '[data-figure="credits"]'),
            new Intl.NumberFormat(lang, { maximumFractionDigits: 4 }).format(1234.5),
          );
          assert.equal(await overflows(page), false);
          const violations = await seriousAxeViolations(page);
          assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
          await page.close();
        });

        test('the wallet page: 20 transactions, then the rest; no serious axe violation', async () => {
          const url = `${await portalUrl(customer)}/wallets/${walletOf[customer]}`;
          const page = await directPage(url, viewport);
          const rows = () => page.$$('[data-testid="wallet-transactions"] tbody tr');
          assert.equal((await rows()).length, 20);
          assert.equal(await overflows(page), false);
          const violations = await seriousAxeViolations(page);
          assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
          await Promise.all([page.waitForNavigation(), page.click('a[rel="next"]')]);
          assert.equal((await rows()).length, 3);
          await page.close();
        });

        test('the top-up form: a value under the minimum shows the error, accessibly', async () => {
          const url = `${await portalUrl(customer)}/wallets/${walletOf[customer]}`;
          const page = await directPage(url, viewport);
          await page.type('#top-up-credits', '1');
          await Promise.all([
            page.waitForNavigation(),
            page.click('[data-testid="top-up"] button'),
          ]);
          const error = await text(page, '[data-testid="top-up-error"]');
          if (lang === 'ar') assert.match(error, ARABIC);
          else assert.equal(error, 'Enter between 10 and 1,000 credits.');
          assert.equal(
            await page.$eval('#top-up-credits', (input) => input.getAttribute('aria-invalid')),
            'true',
          );
          assert.equal(await overflows(page), false);
          const violations = await seriousAxeViolations(page);
          assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
          await page.close();
        });
      });
    }
  }

  test('inside the host iframe: the Credits section, then the wallet page and back', async () => {
    const page = await browser.newPage();
    await page.setViewport(VIEWPORTS.phone);
    await page.goto(`${host.url}/?customer=credits-en`);
    const frame = await portalFrame(page);
    await waitForPortal(frame);
    assert.ok(await has(frame, '[data-testid="credits"]'));
    assert.ok(await has(frame, '[data-testid="wallet-buy-link"]'), 'top-ups are on: a link to buy');
    await follow(frame, '[data-testid="wallet-link"]');
    assert.ok(await has(frame, '[data-testid="wallet-transactions"]'));
    await follow(frame, '[data-testid="back"]');
    assert.ok(await has(frame, '[data-testid="credits"]'));
    await page.close();
  });
});
