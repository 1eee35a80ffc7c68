import {
  CustomerUpdatedFromPortal,
  InvoicePaymentRequested,
  WalletTopUpRequested,
} from '@portico/contracts';
import {
  BrokerAdmin,
  PorticoStack,
  WebhookReceiver,
  invoicePaymentRequested,
  billingEvent,
  waitFor,
  walletTopUpRequested,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { Webhook } from 'standardwebhooks';

interface Endpoint {
  id: string;
  enabled: boolean;
  disabled_reason: string | null;
  failing_since: string | null;
}
interface Delivery {
  id: string;
  event_id: string;
  event_type: string;
  status: string;
  last_error: string | null;
  attempts: { status_code: number | null; error: string | null; response_excerpt: string | null }[];
}

/** The specification's algorithm, written out, to check the headers independently of any library. */
function specSignature(secret: string, headers: Record<string, unknown>, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${String(headers['webhook-id'])}.${String(headers['webhook-timestamp'])}.${body}`;
  return `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
}

const BASE_ENV = {
  OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_RETRY_JITTER_PERCENT: '10',
};

describe('outbound webhooks: signed, retried, logged, never lost', () => {
  let stack: PorticoStack;
  let org: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    stack = await PorticoStack.start({
      ...BASE_ENV,
      // Shortened for the test: the production schedule spans 31.7 hours.
      WEBHOOK_RETRY_SCHEDULE_MS: '150,300,600,1000,1000,1000,1000,1000,1000,1000,1000,1000',
      WEBHOOK_DISABLE_AFTER_MS: '3600000',
    });
    org = (await stack.createOrganization({ name: 'Initech' })).id;
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await receiver?.close();
    await stack?.stop();
  });

  const addEndpoint = async (body: Record<string, unknown>) => {
    const created = await stack.admin<{ webhook_endpoint: Endpoint; secret: string }>(
      'POST',
      `/admin/v1/organizations/${org}/webhook-endpoints`,
      body,
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body;
  };
  const deliveries = async (endpointId: string) =>
    (
      await stack.admin<{ deliveries: Delivery[] }>(
        'GET',
        `/admin/v1/organizations/${org}/webhook-endpoints/${endpointId}/deliveries?limit=50`,
      )
    ).body.deliveries;
  const deliveryOf = (endpointId: string, eventId: string, until: (d: Delivery) => boolean) =>
    waitFor(
      `delivery of ${eventId}`,
      async () => (await deliveries(endpointId)).find((d) => d.event_id === eventId && until(d)),
      { timeoutMs: 60_000, intervalMs: 200 },
    );

  test('a private, loopback or metadata address is refused unless allow-listed', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.7/hooks',
      'http://[::1]:8080/hooks',
      'http://[::ffff:169.254.169.254]/',
      'http://0xa9.0xfe.0xa9.0xfe/',
    ]) {
      const refused = await stack.admin<{
        code: string;
        message: string;
        error_details: Record<string, string[]>;
      }>('POST', `/admin/v1/organizations/${org}/webhook-endpoints`, { url });
      assert.equal(refused.status, 422, `${url}: ${JSON.stringify(refused.body)}`);
      // error_details carry Lago's codes per field; the reason in words is in the message.
      assert.ok(refused.body.error_details.url, JSON.stringify(refused.body));
      assert.match(refused.body.message, /address/);
    }
    const list = await stack.admin<{ webhook_endpoints: unknown[] }>(
      'GET',
      `/admin/v1/organizations/${org}/webhook-endpoints`,
    );
    assert.equal(list.body.webhook_endpoints.length, 0);
    // The admin token guards every webhook route; another organization's id is a 404.
    const anonymous = await stack.request(
      'GET',
      `/admin/v1/organizations/${org}/webhook-endpoints`,
      {
        token: 'not-the-admin-token',
      },
    );
    assert.equal(anonymous.status, 401);
    const unknownOrg = await stack.admin(
      'GET',
      '/admin/v1/organizations/org_nope/webhook-endpoints',
    );
    assert.equal(unknownOrg.status, 404);
  });

  test('a delivery verifies with the Standard Webhooks algorithm and the secret', async () => {
    const { webhook_endpoint: endpoint, secret } = await addEndpoint({
      url: receiver.url,
      description: 'billing team',
      event_types: ['invoice.payment_requested'],
    });
    assert.match(secret, /^whsec_/);
    const shown = await stack.admin<{ webhook_endpoint: Record<string, unknown> }>(
      'GET',
      `/admin/v1/organizations/${org}/webhook-endpoints/${endpoint.id}`,
    );
    assert.ok(!JSON.stringify(shown.body).includes(secret.slice(6)), 'the secret is shown once');
    // Tenant isolation: another organization cannot see or drive this endpoint.
    const other = (await stack.createOrganization({ name: 'Other' })).id;
    for (const [method, suffix] of [
      ['GET', ''],
      ['GET', '/deliveries'],
      ['POST', '/test'],
      ['POST', '/rotate-secret'],
    ] as const) {
      const crossed = await stack.admin(
        method,
        `/admin/v1/organizations/${other}/webhook-endpoints/${endpoint.id}${suffix}`,
        method === 'POST' ? {} : undefined,
      );
      assert.equal(crossed.status, 404, `${method} ${suffix}`);
    }

    const event = await stack.publishEvent(InvoicePaymentRequested, org, invoicePaymentRequested());
    const delivery = await deliveryOf(
      endpoint.id,
      String(event.id),
      (d) => d.status === 'delivered',
    );
    const [received] = receiver.withId(delivery.id);
    assert.ok(received, 'the receiver got the delivery');
    const payload = new Webhook(secret).verify(received.body, {
      'webhook-id': String(received.headers['webhook-id']),
      'webhook-timestamp': String(received.headers['webhook-timestamp']),
      'webhook-signature': String(received.headers['webhook-signature']),
    }) as Record<string, unknown>;
    assert.deepEqual(payload, {
      type: 'invoice.payment_requested',
      timestamp: event.occurred_at,
      data: event.data,
    });
    assert.equal(
      received.headers['webhook-signature'],
      specSignature(secret, received.headers, received.body),
    );
    assert.equal(received.headers['content-type'], 'application/json');
  });

  test('500 three times, then 200: delivered once, four attempts logged', async () => {
    const { webhook_endpoint: endpoint } = await addEndpoint({ url: receiver.url });
    receiver.answerWith(500, 500, 500);
    const event = await stack.publishEvent(
      WalletTopUpRequested,
      org,
      walletTopUpRequested({
        external_customer_id: 'cust_1',
        wallet_id: 'wal_1',
        paid_credits: '25.50',
      }),
    );
    const delivery = await deliveryOf(
      endpoint.id,
      String(event.id),
      (d) => d.status === 'delivered',
    );
    assert.deepEqual(
      delivery.attempts.map((a) => a.status_code),
      [500, 500, 500, 200],
    );
    assert.match(delivery.attempts[0]!.response_excerpt ?? '', /answered 500/);
    const got = receiver.withId(delivery.id);
    assert.equal(got.length, 4, 'every attempt carries the same webhook-id');
    assert.equal(got.filter((r) => r.status === 200).length, 1, 'delivered once');
    // The delays came from the broker's retry tiers: each gap is at least the configured delay.
    const gaps = got.slice(1).map((r, i) => r.at - got[i]!.at);
    [150, 300, 600].forEach((min, i) => assert.ok(gaps[i]! >= min, `gap ${i}: ${gaps[i]} ms`));
  });

  test('rotation: both secrets sign during the overlap; redeliver sends the same id again', async () => {
    const { webhook_endpoint: endpoint, secret: oldSecret } = await addEndpoint({
      url: receiver.url,
    });
    const rotated = await stack.admin<{
      secret: string;
      webhook_endpoint: Record<string, unknown>;
    }>('POST', `/admin/v1/organizations/${org}/webhook-endpoints/${endpoint.id}/rotate-secret`, {
      overlap_seconds: 3600,
    });
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
    const newSecret = rotated.body.secret;
    assert.notEqual(newSecret, oldSecret);
    assert.ok(rotated.body.webhook_endpoint.previous_secret_expires_at);

    const ping = await stack.admin<{ delivery: Delivery }>(
      'POST',
      `/admin/v1/organizations/${org}/webhook-endpoints/${endpoint.id}/test`,
    );
    assert.equal(ping.status, 202, JSON.stringify(ping.body));
    const received = await receiver.waitForRequest(
      'the test ping',
      (r) => r.headers['webhook-id'] === ping.body.delivery.id,
    );
    const signatures = String(received.headers['webhook-signature']).split(' ');
    assert.equal(signatures.length, 2);
    const headers = {
      'webhook-id': String(received.headers['webhook-id']),
      'webhook-timestamp': String(received.headers['webhook-timestamp']),
      'webhook-signature': String(received.headers['webhook-signature']),
    };
    for (const secret of [newSecret, oldSecret]) {
      assert.equal(
        (new Webhook(secret).verify(received.body, headers) as { type: string }).type,
        'portico.test',
      );
    }

    await deliveryOf(endpoint.id, ping.body.delivery.event_id, (d) => d.status === 'delivered');
    const again = await stack.admin<{ delivery: Delivery }>(
      'POST',
      `/admin/v1/organizations/${org}/webhook-endpoints/${endpoint.id}/deliveries/${ping.body.delivery.id}/redeliver`,
    );
    assert.equal(again.status, 202, JSON.stringify(again.body));
    const redelivered = await deliveryOf(
      endpoint.id,
      ping.body.delivery.event_id,
      (d) => d.status === 'delivered' && d.attempts.length === 2,
    );
    assert.equal(receiver.withId(redelivered.id).length, 2);
    const missing = await stack.admin(
      'POST',
      `/admin/v1/organizations/${org}/webhook-endpoints/${endpoint.id}/deliveries/msg_nope/redeliver`,
    );
    assert.equal(missing.status, 404);
  });

  test('receiver down while invoice-service and customer-service restart: delivered after it returns', async () => {
    const { webhook_endpoint: endpoint } = await addEndpoint({
      url: receiver.url,
      event_types: ['customer.updated_from_portal'],
    });
    await receiver.close();
    const before = {
      name: 'Old Name',
      legal_name: null,
      email: 'old@example.com',
      tax_identification_number: null,
      address_line1: null,
      address_line2: null,
      city: null,
      zipcode: null,
      state: null,
      country: null,
      document_locale: null,
    };
    const event = await stack.publishEvent(CustomerUpdatedFromPortal, org, {
      external_customer_id: 'cust_restart',
      changed_fields: ['email'],
      before,
      after: { ...before, email: 'new@example.com' },
      updated_at: new Date().toISOString(),
    });
    await deliveryOf(endpoint.id, String(event.id), (d) =>
      d.attempts.some((a) => a.error !== null),
    );

    await Promise.all([stack.app('customer-service').stop(), stack.app('invoice-service').stop()]);
    stack.startApp('customer-service');
    stack.startApp('invoice-service');
    await receiver.listen();

    const delivery = await deliveryOf(
      endpoint.id,
      String(event.id),
      (d) => d.status === 'delivered',
    );
    assert.ok(delivery.attempts.length >= 2);
    assert.match(delivery.attempts[0]!.error ?? '', /ECONNREFUSED/);
    const [received] = receiver.withId(delivery.id);
    assert.equal(JSON.parse(received!.body).data.after.email, 'new@example.com');
  });
});

describe('outbound webhooks: competing instances and the end of the schedule', () => {
  let stack: PorticoStack;
  let org: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    stack = await PorticoStack.start({
      ...BASE_ENV,
      WEBHOOK_RETRY_SCHEDULE_MS: '100,200,300',
      WEBHOOK_DISABLE_AFTER_MS: '3600000',
      // Longer than a second instance takes to boot: the held attempt must not time out first.
      WEBHOOK_TIMEOUT_MS: '90000',
    });
    org = (await stack.createOrganization({ name: 'Globex' })).id;
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await receiver?.close();
    await stack?.stop();
  });

  const path = () => `/admin/v1/organizations/${org}/webhook-endpoints`;
  const logOf = async (endpointId: string) =>
    (await stack.admin<{ deliveries: Delivery[] }>('GET', `${path()}/${endpointId}/deliveries`))
      .body.deliveries;

  test('a delivery in flight when its instance dies is sent again by another instance', async () => {
    const created = await stack.admin<{ webhook_endpoint: Endpoint }>('POST', path(), {
      url: receiver.url,
    });
    const endpointId = created.body.webhook_endpoint.id;
    const first = stack.app('customer-service');
    receiver.holdNext();
    const event = await stack.publishEvent(InvoicePaymentRequested, org, invoicePaymentRequested());
    const held = await receiver.waitForRequest('the held attempt', () => true);
    const webhookId = String(held.headers['webhook-id']);

    // Only now a second instance: the delivery is certainly in the first one's hands.
    const second = stack.startApp('customer-service');
    await waitFor(
      'the second instance to consume',
      () => second.logs.includes('delivering webhooks from'),
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    await first.kill();

    const again = await receiver.waitForRequest(
      'the same delivery from the surviving instance',
      (r) => r.headers['webhook-id'] === webhookId && r.status === 200,
    );
    assert.equal(again.body, held.body, 'same body, same webhook-id');
    const delivered = await waitFor('the log to show it delivered', async () =>
      (await logOf(endpointId)).find((d) => d.id === webhookId && d.status === 'delivered'),
    );
    assert.equal(delivered.event_id, event.id);
    // The dead instance never finished its attempt, so only the survivor's is logged.
    assert.deepEqual(
      delivered.attempts.map((a) => a.status_code),
      [200],
    );
  });

  test('after the last retry: failed in the log, dead-lettered with the last error', async () => {
    const down = await WebhookReceiver.start();
    down.alwaysAnswer(502);
    try {
      const created = await stack.admin<{ webhook_endpoint: Endpoint }>('POST', path(), {
        url: down.url,
        event_types: ['wallet.top_up_requested'],
      });
      const endpointId = created.body.webhook_endpoint.id;
      await stack.publishEvent(
        WalletTopUpRequested,
        org,
        walletTopUpRequested({
          external_customer_id: 'cust_dl',
          wallet_id: 'wal_dl',
          paid_credits: '10',
        }),
      );
      const failed = await waitFor(
        'the delivery to fail for good',
        async () => (await logOf(endpointId)).find((d) => d.status === 'failed'),
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      assert.equal(failed.attempts.length, 4, 'the first attempt and three retries');
      assert.equal(failed.last_error, 'HTTP 502');
      const admin = await BrokerAdmin.connect(stack.amqpUrl);
      try {
        const dead = await waitFor('the dead letter', async () => {
          const messages = await admin.drain(
            `${stack.namespace}customer-service.webhooks.dead-letter`,
          );
          return messages.length > 0 ? messages : undefined;
        });
        assert.equal(dead.length, 1);
        assert.equal(JSON.parse(dead[0]!.content.toString()).delivery_id, failed.id);
        assert.match(
          String(dead[0]!.properties.headers?.['x-portico-reason']),
          /gave up after 4 attempts: HTTP 502/,
        );
      } finally {
        await admin.close();
      }
    } finally {
      await down.close();
    }
  });
});

describe('outbound webhooks: an endpoint failing for the whole window is disabled', () => {
  let stack: PorticoStack;
  let org: string;
  let failing: WebhookReceiver;
  let watcher: WebhookReceiver;

  beforeAll(async () => {
    stack = await PorticoStack.start({
      ...BASE_ENV,
      WEBHOOK_RETRY_SCHEDULE_MS: Array(40).fill('250').join(','),
      WEBHOOK_DISABLE_AFTER_MS: '2000',
    });
    org = (await stack.createOrganization({ name: 'Umbrella' })).id;
    failing = await WebhookReceiver.start();
    watcher = await WebhookReceiver.start();
    failing.alwaysAnswer(503);
  });
  afterAll(async () => {
    await failing?.close();
    await watcher?.close();
    await stack?.stop();
  });

  test('disabled with the reason, and the operator told by webhook to its other endpoint', async () => {
    const path = `/admin/v1/organizations/${org}/webhook-endpoints`;
    const bad = await stack.admin<{ webhook_endpoint: Endpoint }>('POST', path, {
      url: failing.url,
      event_types: ['invoice.payment_requested'],
    });
    const good = await stack.admin<{ webhook_endpoint: Endpoint }>('POST', path, {
      url: watcher.url,
      event_types: ['webhook_endpoint.disabled'],
    });
    assert.equal(bad.status, 201);
    assert.equal(good.status, 201);
    const badId = bad.body.webhook_endpoint.id;

    await stack.publish(
      'invoice.payment_requested',
      billingEvent(InvoicePaymentRequested, org, invoicePaymentRequested()),
    );
    const disabled = await waitFor(
      'the failing endpoint to be disabled',
      async () => {
        const got = await stack.admin<{ webhook_endpoint: Endpoint }>('GET', `${path}/${badId}`);
        return got.body.webhook_endpoint.enabled ? undefined : got.body.webhook_endpoint;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    assert.equal(disabled.disabled_reason, 'failing');
    assert.ok(disabled.failing_since);

    const notice = await watcher.waitForRequest(
      'the disabled notice',
      (r) => JSON.parse(r.body).type === 'webhook_endpoint.disabled',
    );
    assert.equal(JSON.parse(notice.body).data.endpoint_id, badId);
    const attemptsBefore = failing.received.length;
    assert.ok(attemptsBefore >= 2);

    // Disabled means no more attempts, and a test ping is refused until it is enabled again.
    const ping = await stack.admin('POST', `${path}/${badId}/test`);
    assert.equal(ping.status, 409);
    const enabled = await stack.admin<{ webhook_endpoint: Endpoint }>('PUT', `${path}/${badId}`, {
      enabled: true,
    });
    assert.equal(enabled.body.webhook_endpoint.enabled, true);
    assert.equal(enabled.body.webhook_endpoint.failing_since, null);
  });
});
