import {
  FakeLagoApi,
  PorticoStack,
  WebhookReceiver,
  billingEvent,
  freePort,
  launchBrowser,
  testEnvironment,
  invoiceCreated,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import type { Browser } from 'puppeteer-core';
import { Webhook } from 'standardwebhooks';

const unescape = (html: string) =>
  html.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&').replaceAll('&quot;', '"');

describe('"Pay now": only for owed invoices with a payment page, opened top-level, the operator told', () => {
  let stack: PorticoStack;
  let lago: FakeLagoApi;
  let receiver: WebhookReceiver;
  let browser: Browser;
  let host: Server;
  let hostOrigin: string;
  let checkout: Server;
  let checkoutOrigin: string;
  let events: { id: string; apiKey: string };
  let lagoOrg: { id: string; apiKey: string };
  let secret: string;
  const invoices: Record<string, ReturnType<typeof invoiceCreated>> = {};

  const portalPath = async (org: { apiKey: string }, externalId: string) => {
    const response = await stack.request<{ customer: { portal_url: string } }>(
      'GET',
      `/api/v1/customers/${externalId}/portal_url`,
      { token: org.apiKey },
    );
    return new URL(response.body.customer.portal_url).pathname;
  };
  const detailsPage = async (org: { apiKey: string }, customer: string, invoice: string) => {
    const path = `${await portalPath(org, customer)}/invoices/${invoice}`;
    const response = await fetch(`${stack.url}${path}`);
    assert.equal(response.status, 200, path);
    return { path, response, html: await response.text() };
  };
  const payForm = (html: string) => {
    const form =
      /<form class="pay-now" method="post" action="([^"]+)" target="_blank"[^>]*>\s*<input type="hidden" name="form_token" value="([^"]+)">/.exec(
        html,
      );
    return form ? { action: unescape(form[1]!), token: unescape(form[2]!) } : null;
  };
  const post = (path: string, body: Record<string, string>) =>
    fetch(`${stack.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(body).toString(),
    });
  const publish = async (orgId: string, data: ReturnType<typeof invoiceCreated>) =>
    stack.publish('invoice.created', billingEvent('invoice.created', orgId, data));

  beforeAll(async () => {
    lago = await FakeLagoApi.start();
    receiver = await WebhookReceiver.start();
    const hostPort = await freePort();
    hostOrigin = `http://127.0.0.1:${hostPort}`;
    stack = await PorticoStack.start(
      { OUTBOUND_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_ALLOW_HTTP: 'true' },
      { servePublicUrl: true, appEnv: { 'invoice-service': { LAGO_API_TIMEOUT_MS: '1000' } } },
    );
    // The payment provider's checkout page.
    checkout = createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end('<title>checkout</title>paid?'),
    );
    await new Promise<void>((resolve) => checkout.listen(0, '127.0.0.1', resolve));
    checkoutOrigin = `http://127.0.0.1:${(checkout.address() as { port: number }).port}`;
    // The operator's product, framing the portal.
    host = createServer((request, response) => {
      const src = new URL(request.url!, hostOrigin).searchParams.get('src') ?? '';
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<!doctype html><iframe id="portal" src="${stack.url}${src.replaceAll('"', '')}" width="400" height="900"></iframe>`,
        );
    });
    await new Promise<void>((resolve) => host.listen(hostPort, '127.0.0.1', resolve));

    events = await stack.createOrganization({ name: 'Evented', embed_origins: [hostOrigin] });
    lagoOrg = await stack.createOrganization({ name: 'Lago Co' });
    const lagoSettings = await stack.admin('PUT', `/admin/v1/organizations/${lagoOrg.id}/lago`, {
      api_key: 'lago-api-key-1234',
      api_url: lago.apiUrl,
    });
    assert.equal(lagoSettings.status, 200, JSON.stringify(lagoSettings.body));
    const endpoint = await stack.admin<{ secret: string }>(
      'POST',
      `/admin/v1/organizations/${events.id}/webhook-endpoints`,
      { url: receiver.url, event_types: ['invoice.payment_requested'] },
    );
    assert.equal(endpoint.status, 201, JSON.stringify(endpoint.body));
    secret = endpoint.body.secret;
    for (const [org, customer] of [
      [events, 'jane'],
      [lagoOrg, 'lars'],
    ] as const) {
      await stack.request('POST', '/api/v1/customers', {
        token: org.apiKey,
        body: { customer: { external_id: customer, name: customer } },
      });
    }
    invoices.unpaid = invoiceCreated({
      external_customer_id: 'jane',
      // Markup and translation syntax in the number: text in the page and in the webhook body.
      number: `INV-<b>$t(portal.heading)</b>-${Date.now()}`,
      payment_url: `${checkoutOrigin}/checkout/unpaid?session=a&b=1`,
    });
    invoices.overdue = invoiceCreated({
      external_customer_id: 'jane',
      payment_overdue: true,
      payment_url: `${checkoutOrigin}/checkout/overdue`,
    });
    invoices.paid = invoiceCreated({
      external_customer_id: 'jane',
      payment_status: 'succeeded',
      total_due_amount_cents: 0,
      payment_url: `${checkoutOrigin}/checkout/paid`,
    });
    invoices.noUrl = invoiceCreated({ external_customer_id: 'jane' });
    for (const key of ['unpaid', 'overdue', 'paid', 'noUrl'])
      await publish(events.id, invoices[key]!);
    invoices.lagoOwed = invoiceCreated({ external_customer_id: 'lars' });
    invoices.lagoRefused = invoiceCreated({ external_customer_id: 'lars' });
    invoices.lagoSlow = invoiceCreated({ external_customer_id: 'lars' });
    for (const key of ['lagoOwed', 'lagoRefused', 'lagoSlow'])
      await publish(lagoOrg.id, invoices[key]!);
    for (const [org, count] of [
      [events, 4],
      [lagoOrg, 3],
    ] as const) {
      await waitFor('invoices stored', async () => {
        const response = await stack.request<{ meta: { total_count: number } }>(
          'GET',
          '/api/v1/invoices',
          { token: org.apiKey },
        );
        return response.body.meta?.total_count === count;
      });
    }
    lago.on('POST', new RegExp(`^/api/v1/invoices/${invoices.lagoOwed.id}/payment_url$`), () => ({
      status: 200,
      body: {
        invoice_payment_details: {
          lago_invoice_id: invoices.lagoOwed!.id,
          external_customer_id: 'lars',
          payment_provider: 'stripe',
          payment_url: 'https://checkout.stripe.example/c/pay_123',
        },
      },
    }));
    lago.on(
      'POST',
      new RegExp(`^/api/v1/invoices/${invoices.lagoRefused.id}/payment_url$`),
      () => ({
        status: 422,
        body: { status: 422, error: 'Unprocessable Entity', code: 'no_linked_payment_provider' },
      }),
    );
    lago.on(
      'POST',
      new RegExp(`^/api/v1/invoices/${invoices.lagoSlow.id}/payment_url$`),
      () => 'hang',
    );
    browser = await launchBrowser(testEnvironment.chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => host?.close(resolve));
    await new Promise((resolve) => checkout?.close(resolve));
    await receiver?.close();
    await lago?.close();
    await stack?.stop();
  });

  test('shown for unpaid and overdue invoices with a payment URL; never paid, never without one', async () => {
    for (const key of ['unpaid', 'overdue']) {
      const { html, response } = await detailsPage(events, 'jane', invoices[key]!.id);
      assert.ok(payForm(html), `${key}: a Pay now form`);
      assert.match(
        response.headers.get('content-security-policy') ?? '',
        new RegExp(`form-action 'self' ${checkoutOrigin}(;|$)`),
      );
    }
    for (const key of ['paid', 'noUrl']) {
      const { html, response } = await detailsPage(events, 'jane', invoices[key]!.id);
      assert.equal(payForm(html), null, `${key}: no button`);
      assert.match(response.headers.get('content-security-policy') ?? '', /form-action 'self';/);
    }
  });

  test('pressing it: 303 to the payment page without referrer, one signed invoice.payment_requested', async () => {
    const { html } = await detailsPage(events, 'jane', invoices.unpaid!.id);
    const form = payForm(html)!;
    const refused = await post(form.action, {});
    assert.equal(refused.status, 403, 'no form token, no request');
    const forged = await post(form.action, {
      form_token: `${Math.floor(Date.now() / 1000)}.forged`,
    });
    assert.equal(forged.status, 403);
    assert.equal(receiver.received.length, 0, 'nothing told on a refused post');

    const pressed = await post(form.action, { form_token: form.token });
    assert.equal(pressed.status, 303);
    assert.equal(
      pressed.headers.get('location'),
      `${checkoutOrigin}/checkout/unpaid?session=a&b=1`,
    );
    assert.equal(pressed.headers.get('referrer-policy'), 'no-referrer');
    await waitFor('the delivery', () => receiver.received.some((r) => r.status === 200));
    const delivered = receiver.received.filter((r) => r.status === 200);
    assert.equal(delivered.length, 1);
    const payload = new Webhook(secret).verify(delivered[0]!.body, {
      'webhook-id': String(delivered[0]!.headers['webhook-id']),
      'webhook-timestamp': String(delivered[0]!.headers['webhook-timestamp']),
      'webhook-signature': String(delivered[0]!.headers['webhook-signature']),
    }) as {
      type: string;
      data: { external_customer_id: string; invoice: Record<string, unknown> };
    };
    assert.equal(payload.type, 'invoice.payment_requested');
    assert.equal(payload.data.external_customer_id, 'jane');
    assert.deepEqual(payload.data.invoice, {
      id: invoices.unpaid!.id,
      number: invoices.unpaid!.number,
      currency: invoices.unpaid!.currency,
      total_due_amount_cents: invoices.unpaid!.total_due_amount_cents,
    });

    // A paid invoice has no payment page, even by a forged post with a valid token.
    const paidPath = `${await portalPath(events, 'jane')}/invoices/${invoices.paid!.id}/pay`;
    const paid = await post(paidPath, { form_token: form.token.replace(/\..*/, '.x') });
    assert.equal(paid.status, 403);
  });

  test("Lago organizations: the URL asked from Lago's API once per invoice revision; Lago's no means no button", async () => {
    const owedPath = /^\/api\/v1\/invoices\/[^/]+\/payment_url$/;
    const first = await detailsPage(lagoOrg, 'lars', invoices.lagoOwed!.id);
    const form = payForm(first.html);
    assert.ok(form, 'a Pay now form from the URL Lago generated');
    await detailsPage(lagoOrg, 'lars', invoices.lagoOwed!.id);
    const asked = lago
      .requestsTo('POST', owedPath)
      .filter((r) => r.path.includes(invoices.lagoOwed!.id));
    assert.equal(asked.length, 1, 'kept until the invoice changes');
    assert.equal(asked[0]!.headers.authorization, 'Bearer lago-api-key-1234');
    const pressed = await post(form.action, { form_token: form.token });
    assert.equal(pressed.status, 303);
    assert.equal(pressed.headers.get('location'), 'https://checkout.stripe.example/c/pay_123');

    const refused = await detailsPage(lagoOrg, 'lars', invoices.lagoRefused!.id);
    assert.equal(payForm(refused.html), null, 'Lago could not make one: no button');

    // Lago not answering: the page is shown without the button; a timeout is not kept, so the
    // next view asks again.
    const slowPath = new RegExp(`^/api/v1/invoices/${invoices.lagoSlow!.id}/payment_url$`);
    const slow = await detailsPage(lagoOrg, 'lars', invoices.lagoSlow!.id);
    assert.equal(payForm(slow.html), null);
    await detailsPage(lagoOrg, 'lars', invoices.lagoSlow!.id);
    assert.equal(lago.requestsTo('POST', slowPath).length, 2);

    // The invoice changes (paid): no button, and Lago is not asked again.
    await publish(lagoOrg.id, {
      ...invoices.lagoOwed!,
      payment_status: 'succeeded',
      total_due_amount_cents: 0,
      updated_at: '2026-10-02T08:00:00Z',
    });
    await waitFor(
      'the invoice paid',
      async () => !payForm((await detailsPage(lagoOrg, 'lars', invoices.lagoOwed!.id)).html),
    );
    assert.equal(
      lago.requestsTo('POST', owedPath).filter((r) => r.path.includes(invoices.lagoOwed!.id))
        .length,
      1,
    );
  });

  test('in the iframe, the button opens the payment page in a new top-level window; the portal stays', async () => {
    const path = `${await portalPath(events, 'jane')}/invoices/${invoices.overdue!.id}`;
    const page = await browser.newPage();
    await page.goto(`${hostOrigin}/?src=${encodeURIComponent(path)}`);
    const frame = (await (await page.waitForSelector('#portal'))!.contentFrame())!;
    await frame.waitForSelector('[data-testid="pay-now"] button', { timeout: 15_000 });
    const opened = browser.waitForTarget(
      (t) => t.url().startsWith(`${checkoutOrigin}/checkout/overdue`),
      {
        timeout: 15_000,
      },
    );
    await frame.click('[data-testid="pay-now"] button');
    const target = await opened;
    assert.equal(target.type(), 'page', 'a top-level window');
    assert.ok(frame.url().endsWith(path), 'the iframe still shows the portal');
    assert.equal(
      page.url(),
      `${hostOrigin}/?src=${encodeURIComponent(path)}`,
      'the host page stays',
    );
    await (await target.page())?.close();
    await page.close();
  });
});
