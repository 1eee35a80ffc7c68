import { CustomerUsageUpdated, SubscriptionCreated } from '@portico/contracts';
import {
  FakeLagoApi,
  launchBrowser,
  lagoCurrentUsage,
  PorticoStack,
  seriousAxeViolations,
  subscriptionCreated,
  testEnvironment,
  usageSnapshot,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import type { Browser, Page } from 'puppeteer-core';
import { documentAttributes, has, waitForPortal } from './portal-page';

const WIDTHS = { desktop: 1280, phone: 375 } as const;
const LOCALES = ['en', 'ar'] as const;

describe('plans and usage in a real browser: en and ar, desktop and phone', () => {
  let stack: PorticoStack;
  let lagoApi: FakeLagoApi;
  let browser: Browser;
  let org: { id: string; apiKey: string };
  const urls = new Map<string, string>();

  const customerOf = (locale: string) => `plans-${locale}`;

  beforeAll(async () => {
    lagoApi = await FakeLagoApi.start();
    stack = await PorticoStack.start(
      { OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' },
      { servePublicUrl: true },
    );
    org = await stack.createOrganization({ name: 'Hooli' });
    const configured = await stack.admin('PUT', `/admin/v1/organizations/${org.id}/lago`, {
      api_url: lagoApi.apiUrl,
      api_key: `lago-key-${randomUUID()}`,
    });
    assert.equal(configured.status, 200, JSON.stringify(configured.body));
    lagoApi.on('GET', /^\/api\/v1\/customers\/plans-[a-z]+\/current_usage/, () => ({
      status: 200,
      body: lagoCurrentUsage([
        { name: 'API calls', units: '12500', amountCents: 1_250 },
        {
          name: 'Storage (GB)',
          units: '42.5',
          amountCents: 4_250,
          groupedUsage: [{ grouped_by: { region: 'eu' }, units: '42.5', amount_cents: 4_250 }],
        },
        { name: 'Seats', units: '3', amountCents: 3_000 },
      ]),
    }));
    for (const locale of LOCALES) {
      const customer = customerOf(locale);
      const created = await stack.request('POST', '/api/v1/customers', {
        token: org.apiKey,
        body: {
          customer: {
            external_id: customer,
            name: `Customer ${locale}`,
            billing_configuration: { document_locale: locale },
          },
        },
      });
      assert.ok(created.status < 300, JSON.stringify(created.body));
      await stack.publishEvent(
        SubscriptionCreated,
        org.id,
        subscriptionCreated({
          lago_id: randomUUID(),
          external_id: `sub-${locale}`,
          external_customer_id: customer,
          plan: {
            code: 'scale',
            name: 'Scale',
            amount_cents: 19_900,
            amount_currency: 'EUR',
            interval: 'monthly',
          },
          started_at: '2026-06-01T00:00:00Z',
        }),
      );
      // Two earlier periods, so the chart has history to draw.
      for (const [month, amount] of [
        ['09', 6_100],
        ['10', 7_400],
      ] as const) {
        await stack.publishEvent(
          CustomerUsageUpdated,
          org.id,
          usageSnapshot({
            external_customer_id: customer,
            external_subscription_id: `sub-${locale}`,
            from_datetime: `2026-${month}-01T00:00:00Z`,
            to_datetime: `2026-${month}-30T23:59:59Z`,
            amount_cents: amount,
            total_amount_cents: amount,
            computed_at: `2026-${month}-30T23:59:59Z`,
          }),
        );
      }
      const answer = await stack.request<{ customer: { portal_url: string } }>(
        'GET',
        `/api/v1/customers/${customer}/portal_url`,
        { token: org.apiKey },
      );
      urls.set(locale, answer.body.customer.portal_url);
      await waitFor(`the plan of ${customer}`, async () => {
        const html = await (await fetch(answer.body.customer.portal_url)).text();
        return html.includes('data-testid="plans"') ? true : undefined;
      });
      await waitFor(`the stored periods of ${customer}`, () =>
        stack.withInvoicesDb(async (db) =>
          (await db
            .collection('usage_snapshots')
            .countDocuments({ organization_id: org.id, external_customer_id: customer })) >= 2
            ? true
            : undefined,
        ),
      );
    }
    browser = await launchBrowser(testEnvironment.chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await lagoApi?.close();
  });

  async function open(url: string, width: number): Promise<Page> {
    const page = await browser.newPage();
    await page.setBypassCSP(true);
    await page.setViewport({ width, height: 900 });
    const response = await page.goto(url);
    assert.equal(response?.status(), 200, url);
    await waitForPortal(page);
    return page;
  }

  const noHorizontalScroll = (page: Page) =>
    page.evaluate('document.documentElement.scrollWidth <= window.innerWidth') as Promise<boolean>;

  for (const locale of LOCALES) {
    for (const [device, width] of Object.entries(WIDTHS)) {
      test(`${locale}, ${device}: the Plans section and the usage page, no serious axe violations`, async () => {
        const first = await open(urls.get(locale)!, width);
        assert.equal((await documentAttributes(first)).dir, locale === 'ar' ? 'rtl' : 'ltr');
        assert.ok(await has(first, '[data-testid="plans"] [data-subscription-id]'));
        assert.ok(await has(first, '[data-testid="plan-usage"]'), 'usage so far on the card');
        assert.deepEqual(await seriousAxeViolations(first), []);
        assert.ok(await noHorizontalScroll(first), 'fits the width');

        // A plain link: the usage page needs no script.
        await Promise.all([first.waitForNavigation(), first.click('[data-testid="usage-link"]')]);
        await waitForPortal(first);
        const usage = first;
        assert.equal(await usage.$$eval('[data-testid="charge"]', (rows) => rows.length), 3);
        const bars = await usage.$$eval('[data-testid="chart-bar"] rect', (rects) =>
          rects.map((r) => Number(r.getAttribute('x'))),
        );
        assert.equal(bars.length, 3, 'two stored periods and the current one');
        // Oldest first in reading order: left to right, or right to left in Arabic.
        if (locale === 'ar') assert.ok(bars[0]! > bars[2]!, 'mirrored');
        else assert.ok(bars[0]! < bars[2]!);
        const alternative = (await usage.evaluate(`(() => {
          const svg = document.querySelector('[data-testid="usage-chart"] svg');
          return {
            role: svg.getAttribute('role'),
            name: svg.getAttribute('aria-labelledby').split(' ')
              .map((id) => document.getElementById(id).textContent.trim()).join(' '),
          };
        })()`)) as { role: string; name: string };
        assert.equal(alternative.role, 'img');
        const bySteps = await usage.$$eval('[data-testid="chart-bar"] .amount', (texts) =>
          texts.map((t) => t.textContent ?? ''),
        );
        for (const amount of bySteps) {
          assert.ok(alternative.name.includes(amount), `the text alternative names ${amount}`);
        }
        assert.deepEqual(await seriousAxeViolations(usage), []);
        assert.ok(await noHorizontalScroll(usage), 'fits the width');
        await usage.close();
      });
    }
  }
});
