import {
  Header,
  SERVICE_USERS,
  TRUSTED_PUBLISHER_USERS,
  publisherUsername,
} from '@portico/messaging';
import {
  BrokerAdmin,
  billingEvent,
  invoiceCreated,
  PorticoStack,
  testEnvironment,
  uniqueNamespace,
  waitFor,
} from '@portico/testing';
import { connect } from 'amqplib';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import {
  ensurePublisherUser,
  ensureServiceUsers,
  type BrokerCredential,
} from '../../tools/broker-users/rabbitmqctl';

/**
 * The stack runs with its own least-privilege broker users (as deploy/local provisions them), and
 * an upstream publisher per organization that may only publish that organization's public events.
 */
const ctl = testEnvironment.brokerCtl;

// Skipped (and counted as skipped) when npm test did not start the broker itself (no rabbitmqctl).
(ctl ? describe : describe.skip)('broker permissions', () => {
  const namespace = uniqueNamespace();
  let stack: PorticoStack;
  let acme: { id: string; apiKey: string };
  let globex: { id: string; apiKey: string };
  let publisher: BrokerCredential;
  let consoleUser: BrokerCredential;

  const urlFor = ({ username, password }: BrokerCredential) => {
    const url = new URL(testEnvironment.amqpUrl);
    url.username = encodeURIComponent(username);
    url.password = encodeURIComponent(password);
    return url.toString();
  };

  beforeAll(async () => {
    const users = ensureServiceUsers(ctl!, namespace);
    consoleUser = users.console;
    const trusted = TRUSTED_PUBLISHER_USERS.join(',');
    stack = await PorticoStack.start(
      { TRUSTED_EVENT_PUBLISHERS: trusted, AMQP_RETRY_DELAY_MS: '200' },
      {
        namespace,
        // The console too, as its own user: the stack waits for its readiness (broker + RPC).
        console: true,
        appEnv: Object.fromEntries(
          Object.entries(users).map(([app, user]) => [
            app,
            { AMQP_USERNAME: user.username, AMQP_PASSWORD: user.password },
          ]),
        ),
      },
    );
    acme = await stack.createOrganization({ name: 'Acme' });
    globex = await stack.createOrganization({ name: 'Globex' });
    publisher = ensurePublisherUser(ctl!, acme.id, namespace);
  });
  afterAll(async () => stack?.stop());

  /** Publishes as the given user; resolves with the broker's refusal, if any. */
  async function publishAs(
    user: BrokerCredential,
    exchange: string,
    routingKey: string,
    body: unknown,
    /** null: no `user_id` property at all. */
    userId: string | null = user.username,
  ): Promise<Error | undefined> {
    const connection = await connect(urlFor(user));
    connection.on('error', () => undefined);
    const channel = await connection.createConfirmChannel();
    const closed = new Promise<Error>((resolve) => channel.on('error', resolve));
    try {
      channel.publish(exchange, routingKey, Buffer.from(JSON.stringify(body)), {
        persistent: true,
        contentType: 'application/json',
        ...(userId && { userId }),
      });
      return await Promise.race([channel.waitForConfirms().then(() => undefined), closed]);
    } catch (error) {
      return error as Error;
    } finally {
      await connection.close().catch(() => undefined);
    }
  }

  const exchange = `${namespace}billing.events`;
  const deadLetters = `${namespace}invoice-service.events.dead-letter`;

  test("an organization's publisher gets its own organization's events in", async () => {
    const invoice = invoiceCreated({ external_customer_id: 'cus_pub' });
    const refused = await publishAs(
      publisher,
      exchange,
      'invoice.created',
      billingEvent('invoice.created', acme.id, invoice),
    );
    assert.equal(refused, undefined);
    await waitFor('the invoice to be stored', async () => {
      const response = await stack.request('GET', `/api/v1/invoices/${invoice.id}`, {
        token: acme.apiKey,
      });
      return response.status === 200;
    });
  });

  test('an event for another organization is dead-lettered with the reason', async () => {
    const invoice = invoiceCreated({ external_customer_id: 'cus_pub' });
    const event = billingEvent('invoice.created', globex.id, invoice);
    assert.equal(await publishAs(publisher, exchange, 'invoice.created', event), undefined);
    const admin = await BrokerAdmin.connect(stack.amqpUrl);
    try {
      const letter = await waitFor('the dead letter', async () =>
        (await admin.drain(deadLetters)).find(
          (m) => (JSON.parse(m.content.toString()) as { id: string }).id === event.id,
        ),
      );
      assert.match(
        String(letter.properties.headers?.[Header.Reason]),
        new RegExp(
          `^publisher_not_authorized: broker user "${publisherUsername(acme.id).replace('.', '\\.')}" may not publish events for organization "${globex.id}"`,
        ),
      );
    } finally {
      await admin.close();
    }
    const stored = await stack.request('GET', `/api/v1/invoices/${invoice.id}`, {
      token: globex.apiKey,
    });
    assert.equal(stored.status, 404, 'nothing stored for the other organization');
  });

  test('an event without a publisher identity is dead-lettered too', async () => {
    const event = billingEvent('invoice.created', acme.id, invoiceCreated());
    assert.equal(await publishAs(publisher, exchange, 'invoice.created', event, null), undefined);
    const admin = await BrokerAdmin.connect(stack.amqpUrl);
    try {
      const letter = await waitFor('the dead letter', async () =>
        (await admin.drain(deadLetters)).find(
          (m) => (JSON.parse(m.content.toString()) as { id: string }).id === event.id,
        ),
      );
      assert.match(String(letter.properties.headers?.[Header.Reason]), /no user_id property/);
    } finally {
      await admin.close();
    }
  });

  test('the broker refuses a publisher claiming another user_id', async () => {
    const event = billingEvent('invoice.created', globex.id, invoiceCreated());
    const refused = await publishAs(
      publisher,
      exchange,
      'invoice.created',
      event,
      SERVICE_USERS.gateway,
    );
    assert.match(String(refused?.message), /PRECONDITION_FAILED|user_id property set to/i);
  });

  test("the console's user reaches the services by RPC but may not publish events", async () => {
    const ready = await fetch(`${stack.consoleUrl}/health/ready`);
    assert.equal(ready.status, 200, 'the console runs with its own user');
    const refused = await publishAs(
      consoleUser,
      exchange,
      'invoice.created',
      billingEvent('invoice.created', acme.id, invoiceCreated()),
    );
    assert.match(String(refused?.message), /ACCESS_REFUSED/);
    assert.doesNotMatch(stack.app('console').logs, /ACCESS_REFUSED/, 'its own setup is allowed');
  });

  test('the broker refuses an RPC published with publisher credentials', async () => {
    const refused = await publishAs(publisher, '', `${namespace}customer-service.rpc`, {
      organization_id: globex.id,
    });
    assert.match(String(refused?.message), /ACCESS_REFUSED/);
  });

  test('the broker refuses internal announcements and other exchanges from a publisher', async () => {
    const internal = await publishAs(
      publisher,
      exchange,
      'portico.organization.changed',
      billingEvent('portico.organization.changed', acme.id, { id: acme.id }),
    );
    assert.match(String(internal?.message), /ACCESS_REFUSED/, 'topic permission');
    const connection = await connect(urlFor(publisher));
    connection.on('error', () => undefined);
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    await assert.rejects(
      channel.assertQueue(`${namespace}publisher-snoop`, { durable: false }),
      /ACCESS_REFUSED/,
      'no queue of its own, so it cannot read anything',
    );
    await connection.close().catch(() => undefined);
  });
});
