import { formatMoney } from '@portico/i18n';
import { CustomerUsageUpdated } from '@portico/contracts';
import {
  FakeLagoApi,
  LagoSender,
  lagoCurrentUsage,
  lagoSubscription,
  lagoWebhook,
  PorticoStack,
  usageSnapshot,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

/** The Lago usage timeout the stack runs with, and what a page may take at most beside it. */
const LAGO_TIMEOUT_MS = 1_500;
const PAGE_BUDGET_MS = 4_500;

describe('the portal: plans from Lago webhooks, usage from Lago’s API', () => {
  let stack: PorticoStack;
  let lagoApi: FakeLagoApi;
  let org: { id: string; apiKey: string };
  const lago = new LagoSender();
  const apiKey = `lago-api-key-${randomUUID()}`;

  beforeAll(async () => {
    lagoApi = await FakeLagoApi.start();
    stack = await PorticoStack.start({
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
      LAGO_USAGE_TIMEOUT_MS: String(LAGO_TIMEOUT_MS),
    });
    org = await stack.createOrganization({ name: 'Hooli' });
    const configured = await stack.admin('PUT', `/admin/v1/organizations/${org.id}/lago`, {
      hmac_key: lago.hmacKey,
      api_url: lagoApi.apiUrl,
      api_key: apiKey,
    });
    assert.equal(configured.status, 200, JSON.stringify(configured.body));
  });
  afterAll(async () => {
    await stack?.stop();
    await lagoApi?.close();
  });

  const deliver = async (body: unknown) => {
    const raw = JSON.stringify(body);
    const response = await fetch(`${stack.url}/webhooks/lago/${org.id}`, {
      method: 'POST',
      headers: lago.headers(raw),
      body: raw,
    });
    assert.equal(response.status, 200, await response.clone().text());
  };
  const portalPath = async (externalId: string) => {
    const response = await waitFor(`a portal URL for ${externalId}`, async () => {
      const answer = await stack.request<{ customer: { portal_url: string } }>(
        'GET',
        `/api/v1/customers/${externalId}/portal_url`,
        { token: org.apiKey },
      );
      return answer.status === 200 ? answer : undefined;
    });
    return new URL(response.body.customer.portal_url).pathname;
  };
  const page = async (path: string) => {
    const started = Date.now();
    const response = await fetch(`${stack.url}${path}`);
    return { status: response.status, html: await response.text(), ms: Date.now() - started };
  };
  const started = (customer: string, options: Parameters<typeof lagoSubscription>[0] = {}) =>
    lagoSubscription({ externalCustomerId: customer, documentLocale: 'en', ...options });
  const planShown = (path: string, externalId: string) =>
    waitFor(`plan ${externalId} on the first page`, async () => {
      const { html } = await page(path);
      return html.includes(`data-subscription-id="${externalId}"`) ? html : undefined;
    });
  const usageRoute = (customer: string, subscription: string) =>
    new RegExp(
      `^/api/v1/customers/${customer}/current_usage\\?external_subscription_id=${subscription}$`,
    );

  test('subscription.started → the plan with its price, interval and renewal; terminated → gone', async () => {
    const customer = `cus_${randomUUID().slice(0, 8)}`;
    const subscription = started(customer, {
      externalId: 'sub_pro',
      planName: 'Pro <img src=x onerror=alert(1)>',
      amountCents: 4_900,
      interval: 'yearly',
    });
    lagoApi.on('GET', usageRoute(customer, 'sub_pro'), () => ({ status: 404 }));
    await deliver(lagoWebhook('subscription.started', 'subscription', subscription));
    const path = await portalPath(customer);
    const html = await planShown(path, 'sub_pro');
    assert.ok(html.includes('Pro &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;'), 'escaped');
    assert.ok(!html.includes('<img src=x'), 'never markup');
    assert.match(html, new RegExp(`${escape(formatMoney(4_900, 'EUR', 'en'))} per year`));
    assert.match(html, /data-testid="plan-renewal">Dec 1, 2026</);
    assert.ok(
      html.indexOf('data-testid="plans"') < html.indexOf('id="results"'),
      'plans before the invoices',
    );

    await deliver(
      lagoWebhook('subscription.terminated', 'subscription', {
        ...subscription,
        status: 'terminated',
        terminated_at: '2026-11-20T10:00:00Z',
      }),
    );
    await waitFor('the plan gone', async () => {
      const { html: after } = await page(path);
      return after.includes('data-subscription-id="sub_pro"') ? undefined : true;
    });
    assert.ok(!(await page(path)).html.includes('data-testid="plans"'), 'no empty section');
    assert.equal((await page(`${path}/subscriptions/sub_pro/usage`)).status, 404);
  });

  test('usage with three charges → the amount so far, the table and the chart; cached, then kept', async () => {
    const customer = `cus_${randomUUID().slice(0, 8)}`;
    const charges = [
      { name: 'API calls', units: '12500', amountCents: 1_250 },
      {
        name: 'Storage (GB) $t(portal.heading)',
        units: '42.5',
        amountCents: 4_250,
        groupedUsage: [
          { grouped_by: { region: 'eu' }, units: '40', amount_cents: 4_000 },
          { grouped_by: { region: 'us' }, units: '2.5', amount_cents: 250 },
        ],
      },
      { name: 'Seats <b>', units: '3', amountCents: 3_000 },
    ];
    const usage = lagoCurrentUsage(charges);
    lagoApi.on('GET', usageRoute(customer, 'sub_usage'), () => ({ status: 200, body: usage }));
    await deliver(
      lagoWebhook(
        'subscription.started',
        'subscription',
        started(customer, { externalId: 'sub_usage' }),
      ),
    );
    const path = await portalPath(customer);
    const first = await planShown(path, 'sub_usage');
    const amount = formatMoney(usage.customer_usage.amount_cents, 'EUR', 'en');
    assert.match(first, new RegExp(`data-testid="plan-usage">${escape(amount)}<`));

    const { status, html } = await page(`${path}/subscriptions/sub_usage/usage`);
    assert.equal(status, 200);
    assert.match(html, new RegExp(`data-testid="usage-amount">${escape(amount)}<`));
    const total = formatMoney(usage.customer_usage.total_amount_cents, 'EUR', 'en');
    assert.match(html, new RegExp(`data-testid="usage-total">${escape(total)}<`));
    assert.equal(html.match(/data-testid="charge"/g)?.length, 3);
    assert.equal(html.match(/data-testid="charge-group"/g)?.length, 2);
    assert.ok(html.includes('<bdi>API calls</bdi>'));
    assert.ok(html.includes('Storage (GB) $t(portal.heading)'), 'translation syntax stays text');
    assert.ok(html.includes('Seats &lt;b&gt;'), 'escaped');
    assert.ok(html.includes('region: eu'));
    assert.match(html, />12,500</);
    assert.match(html, /data-testid="usage-chart"/);
    assert.match(html, /<svg role="img" aria-labelledby="chart-title chart-desc"/);
    assert.match(html, new RegExp(`<desc id="chart-desc">[^<]*${escape(amount)}`));
    assert.equal(html.match(/data-testid="chart-bar"/g)?.length, 1);

    const [sent] = lagoApi.requestsTo('GET', usageRoute(customer, 'sub_usage'));
    assert.equal(sent?.headers.authorization, `Bearer ${apiKey}`);
    assert.equal(
      lagoApi.requestsTo('GET', usageRoute(customer, 'sub_usage')).length,
      1,
      'the first page and the usage page share one answer from Lago',
    );

    // The live answer is kept as the period's snapshot by the invoice-service.
    await waitFor('the snapshot kept', () =>
      stack.withInvoicesDb(async (db) =>
        db.collection('usage_snapshots').findOne({
          organization_id: org.id,
          external_subscription_id: 'sub_usage',
          amount_cents: usage.customer_usage.amount_cents,
        }),
      ),
    );
  });

  test('Lago answering 500 or hanging: "unavailable" within the budget, or the last snapshot', async () => {
    const customer = `cus_${randomUUID().slice(0, 8)}`;
    lagoApi.on('GET', usageRoute(customer, 'sub_500'), () => ({ status: 500 }));
    lagoApi.on('GET', usageRoute(customer, 'sub_hang'), () => 'hang');
    lagoApi.on('GET', usageRoute(customer, 'sub_kept'), () => 'hang');
    for (const externalId of ['sub_500', 'sub_hang', 'sub_kept']) {
      await deliver(
        lagoWebhook(
          'subscription.started',
          'subscription',
          started(customer, { externalId, lagoId: randomUUID() }),
        ),
      );
    }
    await stack.publishEvent(
      CustomerUsageUpdated,
      org.id,
      usageSnapshot({
        external_customer_id: customer,
        external_subscription_id: 'sub_kept',
        amount_cents: 7_777,
        total_amount_cents: 7_777,
        charges_usage: [
          { billable_metric: { code: 'calls', name: 'Calls' }, units: '77', amount_cents: 7_777 },
        ],
      }),
    );
    const path = await portalPath(customer);
    await waitFor('the snapshot stored', () =>
      stack.withInvoicesDb(async (db) =>
        db.collection('usage_snapshots').findOne({ external_subscription_id: 'sub_kept' }),
      ),
    );
    for (const externalId of ['sub_500', 'sub_hang']) {
      const usage = await page(`${path}/subscriptions/${externalId}/usage`);
      assert.equal(usage.status, 200, externalId);
      assert.match(usage.html, /data-testid="usage-unavailable"/, externalId);
      assert.ok(usage.html.includes('Usage is unavailable right now'), externalId);
      assert.ok(usage.ms < PAGE_BUDGET_MS, `${externalId} answered in ${usage.ms} ms`);
    }
    const kept = await page(`${path}/subscriptions/sub_kept/usage`);
    assert.equal(kept.status, 200);
    assert.ok(kept.ms < PAGE_BUDGET_MS, `answered in ${kept.ms} ms`);
    assert.match(kept.html, /data-testid="usage-stale"/);
    assert.match(kept.html, /as of Nov 10, 2026, 8:30\s?AM \(UTC\)/);
    assert.match(
      kept.html,
      new RegExp(`data-testid="usage-amount">${escape(formatMoney(7_777, 'EUR', 'en'))}<`),
    );
    // The hanging Lago is not asked again on every page: the first page answers at once.
    const hangs = lagoApi.requestsTo('GET', usageRoute(customer, 'sub_hang')).length;
    const firstPage = await page(path);
    assert.equal(firstPage.status, 200);
    assert.ok(firstPage.ms < LAGO_TIMEOUT_MS, `first page in ${firstPage.ms} ms`);
    assert.equal(lagoApi.requestsTo('GET', usageRoute(customer, 'sub_hang')).length, hangs);
  });

  test("another customer's subscription is a 404", async () => {
    const owner = `cus_${randomUUID().slice(0, 8)}`;
    const other = `cus_${randomUUID().slice(0, 8)}`;
    await deliver(
      lagoWebhook(
        'subscription.started',
        'subscription',
        started(owner, { externalId: 'sub_owner' }),
      ),
    );
    await deliver(
      lagoWebhook(
        'subscription.started',
        'subscription',
        started(other, { externalId: 'sub_other' }),
      ),
    );
    await planShown(await portalPath(owner), 'sub_owner');
    const otherPath = await portalPath(other);
    await planShown(otherPath, 'sub_other');
    const response = await page(`${otherPath}/subscriptions/sub_owner/usage`);
    assert.equal(response.status, 404);
    assert.equal(lagoApi.requestsTo('GET', usageRoute(other, 'sub_owner')).length, 0);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
