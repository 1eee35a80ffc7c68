import {
  PorticoStack,
  launchBrowser,
  seriousAxeViolations,
  testEnvironment,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import type { Browser, Page } from 'puppeteer-core';

const PHONE = { width: 375, height: 740, isMobile: true, hasTouch: true };

describe('"Your details" in a real browser: phone width, axe, keyboard only', () => {
  let stack: PorticoStack;
  let acme: { id: string; apiKey: string };
  let browser: Browser;

  const accountUrl = async (externalId: string) => {
    const response = await stack.request<{ customer: { portal_url: string } }>(
      'GET',
      `/api/v1/customers/${externalId}/portal_url`,
      { token: acme.apiKey },
    );
    return `${response.body.customer.portal_url}/account`;
  };
  const open = async (url: string, { javaScript = true } = {}): Promise<Page> => {
    const page = await browser.newPage();
    await page.setViewport(PHONE);
    // axe is injected as a script: the portal's CSP rightly refuses that otherwise.
    await page.setBypassCSP(true);
    await page.setJavaScriptEnabled(javaScript);
    await page.goto(url);
    return page;
  };
  const overflowsSideways = (page: Page) =>
    page.evaluate(
      'document.documentElement.scrollWidth > document.documentElement.clientWidth',
    ) as Promise<boolean>;
  const focusedName = (page: Page) =>
    page.evaluate(
      'document.activeElement && document.activeElement.getAttribute("name")',
    ) as Promise<string | null>;
  /** Presses Tab until the element named `name` has the focus (a bounded number of times). */
  const tabTo = async (page: Page, name: string) => {
    for (let i = 0; i < 60; i++) {
      if ((await focusedName(page)) === name) return;
      await page.keyboard.press('Tab');
    }
    assert.fail(`Tab never reached ${name}`);
  };

  beforeAll(async () => {
    stack = await PorticoStack.start({}, { servePublicUrl: true });
    acme = await stack.createOrganization({ name: 'Acme' });
    await stack.admin('PUT', `/admin/v1/organizations/${acme.id}/portal-settings`, {
      editable_customer_fields: ['name', 'email', 'city', 'zipcode', 'country', 'shipping_address'],
    });
    for (const [id, locale] of [
      ['jane', 'en'],
      ['nour', 'ar'],
    ]) {
      const created = await stack.request('POST', '/api/v1/customers', {
        token: acme.apiKey,
        body: {
          customer: {
            external_id: id,
            name: 'Jane <b>Doe</b> $t(portal.heading)',
            email: 'jane@example.com',
            address_line1: '1 Long Street With A Rather Long Name That Should Wrap Nicely',
            city: 'Paris',
            zipcode: '75001',
            country: 'FR',
            billing_configuration: { document_locale: locale },
          },
        },
      });
      assert.equal(created.status, 200);
    }
    browser = await launchBrowser(testEnvironment.chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  for (const [state, customer] of [
    ['the form (English)', 'jane'],
    ['the form (Arabic, right-to-left)', 'nour'],
  ] as const) {
    test(`${state} at phone width: no sideways scrolling, no serious or critical axe violation`, async () => {
      const page = await open(await accountUrl(customer));
      assert.ok(await page.$('[data-testid="account-form"]'), 'the form is there');
      assert.equal(await overflowsSideways(page), false);
      const violations = await seriousAxeViolations(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      await page.close();
    });
  }

  test('an invalid email: the message beside the field, announced to assistive technology; axe clean', async () => {
    const page = await open(await accountUrl('jane'));
    await page.$eval('input[name="email"]', (input) => {
      (input as unknown as { value: string }).value = 'not-an-email';
    });
    await Promise.all([page.waitForNavigation(), page.click('[data-testid="account-save"]')]);
    const describedBy = await page.$eval('input[name="email"]', (input) =>
      input.getAttribute('aria-describedby'),
    );
    assert.equal(describedBy, 'account-email-error');
    assert.ok(await page.$('#account-email-error'));
    assert.deepEqual(await seriousAxeViolations(page), []);
    await page.close();
  });

  test('keyboard only, without JavaScript: Tab to the city, type, Tab to save, Enter', async () => {
    const page = await open(await accountUrl('jane'), { javaScript: false });
    await tabTo(page, 'city');
    // Select what is there and type over it, as a keyboard user would.
    await page.keyboard.down('Control');
    await page.keyboard.press('KeyA');
    await page.keyboard.up('Control');
    await page.keyboard.type('Lyon');
    // On to the save button by Tab alone.
    for (let i = 0; i < 60; i++) {
      const testId = (await page.evaluate(
        'document.activeElement && document.activeElement.getAttribute("data-testid")',
      )) as string | null;
      if (testId === 'account-save') break;
      await page.keyboard.press('Tab');
    }
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.ok(await page.$('[data-testid="account-saved"]'), 'the saved notice shows');
    await waitFor('the stored city', async () => {
      const response = await stack.request<{ customer: { city: string } }>(
        'GET',
        '/api/v1/customers/jane',
        { token: acme.apiKey },
      );
      return response.body.customer.city === 'Lyon' || undefined;
    });
    await page.close();
  });
});
