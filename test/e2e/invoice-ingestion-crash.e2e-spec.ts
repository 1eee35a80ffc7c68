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

const TOTAL = 6_000;
let stack: PorticoStack;
let organizationId: string;

beforeAll(async () => {
  stack = await PorticoStack.start();
  organizationId = (await stack.createOrganization()).id;
});
afterAll(async () => stack?.stop());

const storedCount = () =>
  stack.withInvoicesDb((db) => db.collection('invoices').countDocuments({}));

test('invoice-service killed (SIGKILL) in the middle of a batch: nothing lost, nothing doubled', async () => {
  const messages = Array.from({ length: TOTAL }, (_, i) => ({
    routingKey: InvoiceCreated.type,
    body: JSON.stringify(
      billingEvent(
        InvoiceCreated,
        organizationId,
        invoiceCreated({ id: `up_crash_${i}`, external_customer_id: `cus_${i % 50}` }),
        { id: `evt_crash_${i}` },
      ),
    ),
  }));
  const admin = await BrokerAdmin.connect(testEnvironment.amqpUrl);
  try {
    await admin.publishMany(`${stack.namespace}billing.events`, messages);
    // Progress is read from the broker (cheap) rather than the database (a count scans there),
    // so the kill lands while most of the stream is still queued.
    const queue = `${stack.namespace}invoice-service.events`;
    await waitFor(
      'a third of the stream to be taken',
      async () => {
        const ready = await admin.messageCount(queue);
        return ready >= 0 && ready <= (TOTAL * 2) / 3;
      },
      { timeoutMs: 60_000, intervalMs: 10 },
    );
    await stack.app('invoice-service').kill();
    const atKill = await storedCount();
    assert.ok(atKill < TOTAL, `killed mid-stream (${atKill} of ${TOTAL} stored)`);

    const restarted = stack.startApp('invoice-service');
    await waitFor(`all ${TOTAL} invoices`, async () => (await storedCount()) === TOTAL, {
      timeoutMs: 120_000,
      intervalMs: 100,
    }).catch(async (error: Error) => {
      const deadLetters = await admin.messageCount(
        `${stack.namespace}invoice-service.events.dead-letter`,
      );
      throw new Error(
        `${error.message}; stored ${await storedCount()}, dead letters ${deadLetters}\n${restarted.logs.slice(-3000)}`,
      );
    });
    await waitFor(
      'an empty queue',
      async () => (await admin.messageCount(`${stack.namespace}invoice-service.events`)) === 0,
    );
  } finally {
    await admin.close();
  }

  const { distinct, revisions } = await stack.withInvoicesDb(async (db) => ({
    distinct: (await db.collection('invoices').distinct('upstream_id')).length,
    revisions: await db.collection('invoices').distinct('rev'),
  }));
  assert.equal(distinct, TOTAL, 'one document per invoice');
  assert.deepEqual(
    revisions,
    [1],
    'each invoice written exactly once: redelivered events changed nothing',
  );
});
