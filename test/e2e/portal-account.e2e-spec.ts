import {
  FakeLagoApi,
  PorticoStack,
  WebhookReceiver,
  billingEvent,
  pdfText,
  invoiceCreated,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { Webhook } from 'standardwebhooks';

interface Delivery {
  id: string;
  event_id: string;
  status: string;
  attempts: { status_code: number | null; error: string | null }[];
}
interface Customer {
  address_line1: string | null;
  city: string | null;
  country: string | null;
  updated_at: string;
}

// Markup and translation syntax a customer may type: it must stay text everywhere it goes.
const HOSTILE = '12 <b>Rue</b> $t(portal.heading) {{lang}}';

describe('the portal\'s "Your details": edit, operator told, Lago written back, PDF updated', () => {
  let stack: PorticoStack;
  let receiver: WebhookReceiver;
  let lago: FakeLagoApi;
  let acme: { id: string; apiKey: string };
  let globex: { id: string; apiKey: string };
  let endpoint: { id: string };
  let secret: string;
  let invoiceId: string;

  const portalPath = async (org: { apiKey: string }, externalId: string) => {
    const response = await stack.request<{ customer: { portal_url: string } }>(
      'GET',
      `/api/v1/customers/${externalId}/portal_url`,
      { token: org.apiKey },
    );
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return new URL(response.body.customer.portal_url).pathname;
  };
  const page = async (path: string) => {
    const response = await fetch(`${stack.url}${path}/account`);
    return { status: response.status, html: await response.text() };
  };
  const formToken = (html: string) => /name="form_token" value="([^"]+)"/.exec(html)?.[1];
  const post = (path: string, fields: Record<string, string>) =>
    fetch(`${stack.url}${path}/account`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  const customer = async (org: { apiKey: string }, externalId: string) =>
    (
      await stack.request<{ customer: Customer }>('GET', `/api/v1/customers/${externalId}`, {
        token: org.apiKey,
      })
    ).body.customer;
  const deliveries = async (target: string) =>
    (
      await stack.admin<{ deliveries: Delivery[] }>(
        'GET',
        `/admin/v1/organizations/${acme.id}/webhook-endpoints/${target}/deliveries?limit=50`,
      )
    ).body.deliveries;
  const edit = async (path: string, fields: Record<string, string>) => {
    const token = formToken((await page(path)).html);
    assert.ok(token, 'the page has a form');
    return post(path, { ...fields, form_token: token });
  };
  const portalEvents = () =>
    receiver.received.filter((r) => r.body.includes('"customer.updated_from_portal"'));

  beforeAll(async () => {
    stack = await PorticoStack.start({
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_RETRY_SCHEDULE_MS: '300,600,1000,1000,1000,1000,1000,1000,1000,1000',
      WEBHOOK_RETRY_JITTER_PERCENT: '0',
      WEBHOOK_DISABLE_AFTER_MS: '3600000',
    });
    receiver = await WebhookReceiver.start();
    lago = await FakeLagoApi.start();
    lago.on('POST', /^\/api\/v1\/customers$/, (request) => ({
      status: 200,
      body: { customer: (request.body as { customer: unknown }).customer },
    }));
    acme = await stack.createOrganization({ name: 'Acme' });
    globex = await stack.createOrganization({ name: 'Globex' });
    const settings = await stack.admin(
      'PUT',
      `/admin/v1/organizations/${acme.id}/portal-settings`,
      {
        editable_customer_fields: [
          'address_line1',
          'city',
          'zipcode',
          'country',
          'shipping_address',
        ],
      },
    );
    assert.equal(settings.status, 200);
    const lagoSettings = await stack.admin('PUT', `/admin/v1/organizations/${acme.id}/lago`, {
      api_key: 'lago-api-key-for-acme',
      api_url: lago.apiUrl,
    });
    assert.equal(lagoSettings.status, 200, JSON.stringify(lagoSettings.body));
    const created = await stack.admin<{ webhook_endpoint: { id: string }; secret: string }>(
      'POST',
      `/admin/v1/organizations/${acme.id}/webhook-endpoints`,
      { url: receiver.url, event_types: ['customer.updated_from_portal'] },
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    endpoint = created.body.webhook_endpoint;
    secret = created.body.secret;

    for (const [org, id] of [
      [acme, 'jane'],
      [globex, 'gus'],
    ] as const) {
      const response = await stack.request('POST', '/api/v1/customers', {
        token: org.apiKey,
        body: {
          customer: {
            external_id: id,
            name: 'Jane Doe',
            address_line1: '1 Old Street',
            city: 'Paris',
            zipcode: '75001',
            country: 'FR',
          },
        },
      });
      assert.equal(response.status, 200, JSON.stringify(response.body));
    }
    const invoice = invoiceCreated({ external_customer_id: 'jane' });
    invoiceId = invoice.id;
    await stack.publish('invoice.created', billingEvent('invoice.created', acme.id, invoice));
  });
  afterAll(async () => {
    await receiver?.close();
    await lago?.close();
    await stack?.stop();
  });

  test('an edit: one delivery signed as Standard Webhooks, Lago updated, page and PDF show it, markup stays text', async () => {
    const path = await portalPath(acme, 'jane');
    const response = await edit(path, {
      address_line1: HOSTILE,
      city: 'Lyon',
      zipcode: '69002',
      country: 'fr',
      shipping_same_as_billing: 'yes',
    });
    assert.equal(response.status, 303);
    assert.match(response.headers.get('location') ?? '', /\/account\?saved=1$/);

    const received = await receiver.waitForRequest('the portal edit', (r) =>
      r.body.includes('"customer.updated_from_portal"'),
    );
    const verified = new Webhook(secret).verify(
      received.body,
      received.headers as Record<string, string>,
    ) as { data: { changed_fields: string[]; before: Customer; after: Customer } };
    assert.deepEqual(verified.data.changed_fields, ['address_line1', 'city', 'zipcode']);
    assert.equal(verified.data.before.city, 'Paris');
    assert.equal(verified.data.after.city, 'Lyon');
    assert.equal(verified.data.after.address_line1, HOSTILE, 'the webhook body carries it as text');

    const [sent] = await waitFor('the write-back at Lago', async () => {
      const requests = lago.requestsTo('POST', /^\/api\/v1\/customers$/);
      return requests.length ? requests : undefined;
    });
    assert.equal(sent!.headers.authorization, 'Bearer lago-api-key-for-acme');
    assert.deepEqual(sent!.body, {
      customer: { external_id: 'jane', address_line1: HOSTILE, city: 'Lyon', zipcode: '69002' },
    });
    const [lagoDelivery] = await waitFor('the write-back in the delivery log', async () => {
      const log = await deliveries('lago');
      return log.length && log[0]!.status === 'delivered' ? log : undefined;
    });
    assert.equal(lagoDelivery!.attempts[0]!.status_code, 200);

    const saved = await fetch(`${stack.url}${response.headers.get('location')}`);
    assert.match(await saved.text(), /data-testid="account-saved"/);
    const after = await page(path);
    assert.doesNotMatch(after.html, /data-testid="account-saved"/);
    assert.match(after.html, /69002 Lyon/);
    assert.ok(!after.html.includes('<b>Rue</b>'), 'markup in the page is escaped');
    assert.ok(
      after.html.includes('$t(portal.heading) {{lang}}'),
      'translation syntax stays literal',
    );
    assert.equal((await customer(acme, 'jane')).city, 'Lyon');

    const token = path.split('/').at(-1)!;
    const text = await waitFor('the PDF with the new address', async () => {
      const pdf = await fetch(`${stack.url}/customer-portal/${token}/invoices/${invoiceId}/pdf`);
      if (pdf.status !== 200) return undefined;
      const content = await pdfText(Buffer.from(await pdf.arrayBuffer()));
      return content.includes('69002 Lyon') ? content : undefined;
    });
    assert.ok(text.includes('<b>Rue</b> $t(portal.heading) {{lang}}'), 'the PDF shows it as text');
    // Only one delivery for the edit, however long the write-back and retries took.
    assert.equal(portalEvents().length, 1);
  });

  test('the endpoint down for a while: delivered after it returns, once', async () => {
    const path = await portalPath(acme, 'jane');
    await receiver.close();
    const before = portalEvents().length;
    assert.equal((await edit(path, { city: 'Marseille' })).status, 303);
    const failing = await waitFor('a failed attempt', async () =>
      (await deliveries(endpoint.id)).find(
        (d) => d.status === 'pending' && d.attempts.some((a) => a.error !== null),
      ),
    );
    await receiver.listen();
    const delivered = await waitFor('the delivery after the endpoint returned', async () =>
      (await deliveries(endpoint.id)).find((d) => d.id === failing.id && d.status === 'delivered'),
    );
    assert.ok(delivered.attempts.length >= 2);
    assert.equal(receiver.withId(delivered.id).length, 1);
    assert.equal(portalEvents().length, before + 1);
  });

  test('an invalid country: the message beside the field, nothing changed, nobody told', async () => {
    const path = await portalPath(acme, 'jane');
    const stored = await customer(acme, 'jane');
    const deliveriesBefore = (await deliveries(endpoint.id)).length;
    const response = await edit(path, { city: 'Nice', country: 'XX' });
    assert.equal(response.status, 422);
    const html = await response.text();
    assert.match(
      html,
      /<p class="field-error" id="account-country-error" data-error-for="country">/,
    );
    assert.match(html, /id="account-country"[^>]*aria-invalid="true"/);
    assert.match(html, /name="city" type="text" value="Nice"/, 'what was typed is kept');
    assert.deepEqual(await customer(acme, 'jane'), stored);
    assert.equal((await deliveries(endpoint.id)).length, deliveriesBefore);
  });

  test('a POST without the page form token, or with another one: refused, nothing changed', async () => {
    const path = await portalPath(acme, 'jane');
    const stored = await customer(acme, 'jane');
    assert.equal((await post(path, { city: 'Toulouse' })).status, 403);
    const forged = `${Math.floor(Date.now() / 1000)}.not-a-mac`;
    assert.equal((await post(path, { city: 'Toulouse', form_token: forged })).status, 403);
    assert.deepEqual(await customer(acme, 'jane'), stored);
  });

  test('editing disabled: no form, and a forged POST refused', async () => {
    const path = await portalPath(globex, 'gus');
    const shown = await page(path);
    assert.equal(shown.status, 200);
    assert.match(shown.html, /data-testid="account-summary"/);
    assert.doesNotMatch(shown.html, /<form method="post"/);
    assert.match(shown.html, /data-testid="account-read-only"/);
    const stored = await customer(globex, 'gus');
    const forged = await post(path, { city: 'Berlin', form_token: '1.forged' });
    assert.equal(forged.status, 403);
    assert.deepEqual(await customer(globex, 'gus'), stored);
  });

  test('newer wins: an upstream change made before the edit does not undo it; one made after does', async () => {
    const path = await portalPath(acme, 'jane');
    const editedAt = Date.now();
    assert.equal((await edit(path, { city: 'Grenoble' })).status, 303);
    const upstream = (updatedAt: number, city: string, name: string) =>
      stack.publish(
        'customer.updated',
        billingEvent('customer.updated', acme.id, {
          external_id: 'jane',
          name,
          city,
          updated_at: new Date(updatedAt).toISOString(),
        }),
      );
    // Made just before the edit, delivered after it: its name applies, its city does not.
    await upstream(editedAt - 1, 'Old City', 'Jane Older');
    await waitFor('the older upstream change', async () => {
      const view = await stack.request<{ customer: { name: string } }>(
        'GET',
        '/api/v1/customers/jane',
        { token: acme.apiKey },
      );
      return view.body.customer.name === 'Jane Older' || undefined;
    });
    assert.equal((await customer(acme, 'jane')).city, 'Grenoble');
    // Made after the edit: it wins.
    await upstream(Date.now() + 1_000, 'Annecy', 'Jane Newer');
    await waitFor('the newer upstream change', async () =>
      (await customer(acme, 'jane')).city === 'Annecy' ? true : undefined,
    );
  });

  test('Lago away: the write-back is retried like a webhook delivery, and logged', async () => {
    let calls = 0;
    lago.on('POST', /^\/api\/v1\/customers$/, (request) =>
      ++calls === 1
        ? { status: 503, body: { status: 503, error: 'Service Unavailable' } }
        : { status: 200, body: { customer: (request.body as { customer: unknown }).customer } },
    );
    const path = await portalPath(acme, 'jane');
    assert.equal((await edit(path, { zipcode: '38000' })).status, 303);
    const delivery = await waitFor('the retried write-back', async () =>
      (await deliveries('lago')).find(
        (d) => d.status === 'delivered' && d.attempts[0]?.status_code === 503,
      ),
    );
    assert.equal(delivery.attempts.length, 2);
    assert.equal(delivery.attempts[1]!.status_code, 200);
    const sent = lago
      .requestsTo('POST', /^\/api\/v1\/customers$/)
      .filter((r) => (r.body as { customer: { zipcode?: string } }).customer.zipcode === '38000');
    assert.equal(sent.length, 2, 'sent again after the failure, not more');
  });
});
