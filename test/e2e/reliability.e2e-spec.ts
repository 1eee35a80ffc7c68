import { InvoiceCreated, InvoicePaymentStatusUpdated } from '@portico/contracts';
import { DeadLetters } from '@portico/messaging';
import {
  billingEvent,
  BrokerAdmin,
  hostAndPort,
  invoiceCreated,
  paymentStatusUpdated,
  PorticoStack,
  TcpProxy,
  testEnvironment,
  uriWithLocalPort,
  waitFor,
  type InvoiceData,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, test } from '@jest/globals';

// Issue #12's "done means", against the real broker and database (FerretDB on PostgreSQL under
// `npm test`): bursts of updates do not wedge the database, an outage dead-letters nothing, and
// only a message that is itself wrong is dead-lettered, alone, with its reason.
let stack: PorticoStack;
let proxy: TcpProxy;
let organizationId: string;
const OUTAGE_MS = Number(process.env.PORTICO_TEST_OUTAGE_MS ?? 60_000);

beforeAll(async () => {
  const database = hostAndPort(testEnvironment.mongoUri);
  proxy = await TcpProxy.start(database.host, database.port);
  stack = await PorticoStack.start(
    { AMQP_MAX_ATTEMPTS: '2', AMQP_RETRY_DELAY_MS: '200' },
    {
      appEnv: {
        'invoice-service': { MONGODB_URI: uriWithLocalPort(testEnvironment.mongoUri, proxy.port) },
      },
    },
  );
  organizationId = (await stack.createOrganization()).id;
});
afterAll(async () => {
  await stack?.stop();
  await proxy?.close();
});

function created(upstreamId: string, extra: Partial<InvoiceData> = {}) {
  const data = invoiceCreated({
    id: upstreamId,
    external_customer_id: 'cus_rel',
    number: `REL-${upstreamId}`,
    fees: [],
    ...extra,
  });
  return billingEvent(InvoiceCreated, organizationId, data, {
    id: `evt_c_${upstreamId}`,
    occurred_at: '2026-11-25T00:00:00Z',
  });
}

function paid(upstreamId: string) {
  const data = paymentStatusUpdated(created(upstreamId).data, {
    updated_at: '2026-11-26T00:00:00Z',
  });
  return billingEvent(InvoicePaymentStatusUpdated, organizationId, data, {
    id: `evt_p_${upstreamId}`,
    occurred_at: '2026-11-26T00:00:00Z',
  });
}

async function deadLetters(service = 'invoice-service') {
  const dlq = await DeadLetters.open(stack.amqpUrl, stack.namespace, service);
  try {
    return await dlq.list();
  } finally {
    await dlq.close();
  }
}

const count = (filter: Record<string, unknown>) =>
  stack.withInvoicesDb((db) => db.collection('invoices').countDocuments(filter));

const ready = async () => (await fetch(`${stack.url}/health/ready`)).ok;

test('500 payment updates for existing invoices published at once: all applied, always ready', async () => {
  const ids = Array.from({ length: 500 }, (_, i) => `up_burst_${i}`);
  await stack.publishAll(ids.map((id) => created(id)));
  await waitFor(
    '500 invoices stored',
    async () => (await count({ upstream_id: /^up_burst_/ })) === 500,
    {
      timeoutMs: 180_000,
      intervalMs: 500,
    },
  );
  let notReady = 0;
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      if (!(await ready())) notReady++;
      await sleep(500);
    }
  })();
  await stack.publishAll(ids.map(paid));
  await waitFor(
    'every payment applied',
    async () => (await count({ upstream_id: /^up_burst_/, payment_status: 'succeeded' })) === 500,
    { timeoutMs: 180_000, intervalMs: 500 },
  );
  watching = false;
  await watcher;
  assert.equal(notReady, 0, 'readiness never failed during the burst');
  assert.equal(await count({ upstream_id: /^up_burst_/ }), 500);
  assert.deepEqual(await deadLetters(), []);
});

test('a NUL event among 200 valid ones: exactly 1 dead letter, the 200 stored', async () => {
  const events = Array.from({ length: 200 }, (_, i) => created(`up_nul_${i}`));
  events.splice(97, 0, created('up_nul_bad', { number: 'REL-\u0000-1' }));
  await stack.publishAll(events);
  await waitFor('200 stored', async () => (await count({ upstream_id: /^up_nul_/ })) === 200, {
    timeoutMs: 120_000,
    intervalMs: 500,
  });
  await waitFor('the NUL event dead-lettered', async () => (await deadLetters()).length === 1);
  const [letter] = await deadLetters();
  assert.equal(letter!.eventId, 'evt_c_up_nul_bad');
  assert.match(letter!.reason, /data\.number: must not contain NUL characters/);
  assert.equal(await count({ upstream_id: 'up_nul_bad' }), 0);
  await drainDeadLetters();
});

test('the database away mid-stream: nothing dead-lettered, everything stored once after', async () => {
  const ids = Array.from({ length: 100 }, (_, i) => `up_outage_${i}`);
  await stack.publishAll(ids.slice(0, 50).map((id) => created(id)));
  proxy.cut();
  await stack.publishAll(ids.slice(50).map((id) => created(id)));
  await sleep(OUTAGE_MS);
  assert.deepEqual(await deadLetters(), [], 'nothing dead-lettered during the outage');
  assert.equal(await ready(), false, 'not ready while the database is away');
  proxy.restore();
  await waitFor(
    'all 100 stored',
    async () => (await count({ upstream_id: /^up_outage_/ })) === 100,
    {
      timeoutMs: 120_000,
      intervalMs: 500,
    },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n--- invoice-service\n${stack.app('invoice-service').logs}`);
  });
  await waitFor('ready again', ready, { timeoutMs: 60_000, intervalMs: 500 });
  const revs = await stack.withInvoicesDb((db) =>
    db.collection('invoices').distinct('rev', { upstream_id: /^up_outage_/ }),
  );
  assert.deepEqual(revs, [1], 'each stored once');
  assert.deepEqual(await deadLetters(), []);
});

test('unroutable and type-mismatched messages are dead-lettered with their reasons', async () => {
  await stack.publish('invoice.deleted', created('up_unroutable'));
  await stack.publish('invoice.voided', created('up_mismatch'));
  await waitFor(
    'the unroutable message caught',
    async () => (await deadLetters('unroutable')).length === 1,
  );
  const [unroutable] = await deadLetters('unroutable');
  assert.match(
    unroutable!.reason,
    /^unroutable: no queue is bound to routing key "invoice.deleted"/,
  );
  await waitFor('the mismatch dead-lettered', async () => (await deadLetters()).length === 1);
  const [mismatch] = await deadLetters();
  assert.match(
    mismatch!.reason,
    /^type_mismatch: routing key "invoice.voided" but type "invoice.created"/,
  );
  assert.equal(await count({ upstream_id: { $in: ['up_unroutable', 'up_mismatch'] } }), 0);
  await drainDeadLetters();
});

test('an event for an unknown organization is not stored, and is dead-lettered with why', async () => {
  await stack.publish('invoice.created', {
    ...created('up_stranger'),
    organization_id: 'org_nobody',
  });
  await waitFor('dead-lettered', async () => (await deadLetters()).length === 1, {
    timeoutMs: 30_000,
  });
  const [letter] = await deadLetters();
  assert.match(letter!.reason, /unknown_organization: no organization "org_nobody"/);
  assert.equal(await count({ organization_id: 'org_nobody' }), 0);
});

async function drainDeadLetters(): Promise<void> {
  const admin = await BrokerAdmin.connect(stack.amqpUrl);
  try {
    await admin.drain(`${stack.namespace}invoice-service.events.dead-letter`);
    await admin.drain(`${stack.namespace}billing.unroutable.dead-letter`);
  } finally {
    await admin.close();
  }
}
