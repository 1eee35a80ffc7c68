import { InvoicePaymentStatusUpdated } from '@portico/contracts';
import {
  apiEvent,
  LagoSender,
  PorticoStack,
  lagoInvoice,
  lagoWebhook,
  paymentStatusUpdated,
  testEnvironment,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, test } from '@jest/globals';
import { promisify } from 'node:util';

const broker = testEnvironment.restartableBroker;
const run = promisify(execFile);
const rabbitmqctl = (...args: string[]) =>
  run(broker!.ctl, ['-n', broker!.node, ...args], { env: { ...process.env, ...broker!.env } });

let stack: PorticoStack | undefined;
afterAll(async () => {
  // Leave the node running for whatever comes next, even if the test failed midway.
  if (broker) await rabbitmqctl('start_app').catch(() => undefined);
  await stack?.stop();
});

// Skipped (and counted as skipped) when no restartable RabbitMQ node could be started:
// rabbitmq-server is not installed. npm test says so when it starts.
(broker ? test : test.skip)(
  'with the broker down both HTTP ingresses answer 503; a retry after it is back is stored exactly once',
  async () => {
    stack = await PorticoStack.start({ AMQP_URL: broker!.url, PUBLISH_TIMEOUT_MS: '3000' });
    const org = await stack.createOrganization({ name: 'Outage' });
    const lago = new LagoSender();
    await stack.admin('PUT', `/admin/v1/organizations/${org.id}/lago`, { hmac_key: lago.hmacKey });
    const deliver = async (raw: string, uniqueKey: string) => {
      const response = await fetch(`${stack!.url}/webhooks/lago/${org.id}`, {
        method: 'POST',
        headers: lago.headers(raw, 'hmac', uniqueKey),
        body: raw,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const stored = (id: string) =>
      stack!.withInvoicesDb((db) =>
        db.collection('invoices').find({ organization_id: org.id, upstream_id: id }).toArray(),
      );

    const httpEvent = apiEvent(
      InvoicePaymentStatusUpdated,
      paymentStatusUpdated({
        id: randomUUID(),
        external_customer_id: 'cus_lago_42',
        updated_at: '2026-11-25T10:00:00Z',
      }),
    );
    const postEvent = () =>
      stack!.request('POST', '/api/v1/events', { token: org.apiKey, body: httpEvent });

    // Keys are cached by a first request, as they would be in production.
    assert.equal(
      (await stack.request('GET', '/api/v1/locales', { token: org.apiKey })).status,
      200,
    );
    const warmUp = randomUUID();
    const warmBody = JSON.stringify(
      lagoWebhook('invoice.created', 'invoice', lagoInvoice({ lagoId: warmUp })),
    );
    assert.equal((await deliver(warmBody, randomUUID())).status, 200);
    await waitFor('the first invoice', async () => (await stored(warmUp)).length === 1);

    const id = randomUUID();
    const uniqueKey = randomUUID();
    const body = JSON.stringify(
      lagoWebhook('invoice.created', 'invoice', lagoInvoice({ lagoId: id })),
    );
    await rabbitmqctl('stop_app');
    try {
      const during = await deliver(body, uniqueKey);
      assert.equal(during.status, 503, JSON.stringify(during.body));
      assert.equal(during.body.code, 'service_unavailable');
      const posted = await postEvent();
      assert.equal(posted.status, 503, JSON.stringify(posted.body));
    } finally {
      await rabbitmqctl('start_app');
    }
    // Lago retries the same delivery until it gets a 2xx.
    const retried = await waitFor(
      'a 2xx once the broker is back',
      async () => {
        const answer = await deliver(body, uniqueKey);
        return answer.status === 200 ? answer : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    assert.equal(retried.body.status, 'accepted');
    await waitFor('the retried invoice', async () => (await stored(id)).length === 1, {
      timeoutMs: 30_000,
    });
    const [document] = await stored(id);
    assert.equal(document!.status, 'finalized');
    // Another copy (the broker may have taken the first attempt after all) changes nothing.
    const again = await deliver(body, uniqueKey);
    assert.equal(again.status, 200);
    assert.equal((await stored(id)).length, 1);

    // The HTTP publisher sends its event again too; it is kept once (before its invoice, even).
    const reposted = await waitFor(
      'a 2xx from POST /api/v1/events',
      async () => ((await postEvent()).status === 200 ? true : undefined),
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    assert.ok(reposted);
    await waitFor(
      'the payment status kept',
      async () => (await stored(httpEvent.data.id)).length === 1,
      { timeoutMs: 30_000 },
    );
    assert.equal((await stored(httpEvent.data.id))[0]!.payment_status, 'succeeded');
  },
);
