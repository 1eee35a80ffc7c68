import { InvoiceCreated } from '@portico/contracts';
import {
  billingEvent,
  BrokerAdmin,
  invoiceCreated,
  PorticoStack,
  testEnvironment,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from '@jest/globals';

/**
 * Two invoice-service instances as competing consumers on quorum queues (what a RabbitMQ
 * cluster runs), one of them killed halfway through the stream. Each keeps customers' invoice
 * lists in memory; what one writes must show in the lists the other answers.
 */
const TOTAL = 3_000;
const CUSTOMERS = 10;
let stack: PorticoStack;
let organizationId: string;
let apiKey: string;

beforeAll(async () => {
  stack = await PorticoStack.start({ AMQP_QUEUE_TYPE: 'quorum' });
  ({ id: organizationId, apiKey } = await stack.createOrganization());
});
afterAll(async () => stack?.stop());

const storedCount = () =>
  stack.withInvoicesDb((db) => db.collection('invoices').countDocuments({}));

const listTotal = async (customer: string) => {
  const response = await stack.request<{ meta: { total_count: number } }>(
    'GET',
    `/api/v1/invoices?external_customer_id=${customer}&per_page=1`,
    { token: apiKey },
  );
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.meta.total_count;
};

const event = (i: number) => ({
  routingKey: InvoiceCreated.type,
  body: JSON.stringify(
    billingEvent(
      InvoiceCreated,
      organizationId,
      invoiceCreated({ id: `up_scale_${i}`, external_customer_id: `cus_${i % CUSTOMERS}` }),
      { id: `evt_scale_${i}` },
    ),
  ),
});

test('two invoice-services on quorum queues, one killed halfway: every invoice stored once, lists current on both', async () => {
  const admin = await BrokerAdmin.connect(testEnvironment.amqpUrl);
  const queue = `${stack.namespace}invoice-service.events`;
  try {
    const second = stack.startApp('invoice-service');
    // Both instances consume (and answer RPCs) before the stream starts.
    await waitFor(
      'two consumers on the events queue',
      async () => (await admin.consumerCount(queue)) === 2,
      // A cold start of a second service on a loaded machine can take this long.
      { timeoutMs: 60_000 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${second.logs.slice(-3000)}`);
    });
    // Warm both instances' list caches: every later answer must reflect writes made since.
    for (let i = 0; i < 6; i++) assert.equal(await listTotal('cus_0'), 0);

    await admin.publishMany(
      `${stack.namespace}billing.events`,
      Array.from({ length: TOTAL }, (_, i) => event(i)),
    );
    await waitFor(
      'half of the stream to be taken',
      async () => {
        const ready = await admin.messageCount(queue);
        return ready >= 0 && ready <= TOTAL / 2;
      },
      { timeoutMs: 60_000, intervalMs: 10 },
    );
    await stack.app('invoice-service').kill();
    assert.ok((await storedCount()) < TOTAL, 'killed mid-stream');

    await waitFor(`all ${TOTAL} invoices`, async () => (await storedCount()) === TOTAL, {
      timeoutMs: 120_000,
      intervalMs: 200,
    }).catch(async (error: Error) => {
      throw new Error(
        `${error.message}; stored ${await storedCount()}\n${stack.app('invoice-service').logs.slice(-3000)}`,
      );
    });
    // A restarted instance joins again; from now on either may answer each list query.
    stack.startApp('invoice-service');
    // A process start (build the app, connect, declare) can take most of a minute on a loaded box.
    await waitFor('two consumers again', async () => (await admin.consumerCount(queue)) === 2, {
      timeoutMs: 60_000,
    });
  } finally {
    await admin.close();
  }

  const { distinct, revisions } = await stack.withInvoicesDb(async (db) => ({
    distinct: (await db.collection('invoices').distinct('upstream_id')).length,
    revisions: await db.collection('invoices').distinct('rev'),
  }));
  assert.equal(distinct, TOTAL, 'one document per invoice');
  assert.deepEqual(revisions, [1], 'each invoice written exactly once');
  for (let i = 0; i < 6; i++) {
    assert.equal(await listTotal(`cus_${i % 2}`), TOTAL / CUSTOMERS, 'a current list');
  }
});
