import type { DeadLetter } from '@portico/messaging';
import { InvoiceCreated } from '@portico/contracts';
import {
  billingEvent,
  DIST_DIR,
  BrokerAdmin,
  invoiceCreated,
  PorticoStack,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, test } from '@jest/globals';
import { promisify } from 'node:util';

// The realistic failure that replay fixes: an event names an organization invoice-service does
// not know yet (its `portico.organization.changed` has not arrived), is held for its retries
// (AMQP_MAX_ATTEMPTS × AMQP_RETRY_DELAY_MS) and dead-lettered as `unknown_organization`. Once the
// organization is known, replaying the SAME message stores it. (A database outage no longer
// dead-letters anything: reliability.e2e-spec.ts.) A payload that fails validation is listed
// too, but replaying it cannot help.
const CLI = join(DIST_DIR, 'tools/dlq/dlq.cli.js');
let stack: PorticoStack;
let organizationId: string;

beforeAll(async () => {
  stack = await PorticoStack.start({ AMQP_MAX_ATTEMPTS: '2', AMQP_RETRY_DELAY_MS: '200' });
  organizationId = (await stack.createOrganization()).id;
});
afterAll(async () => {
  await stack?.stop();
});

const run = promisify(execFile);

async function dlq(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: { ...process.env, AMQP_URL: stack.amqpUrl, AMQP_NAMESPACE: stack.namespace },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function list(): Promise<DeadLetter[]> {
  const { code, stdout, stderr } = await dlq('list', '--json');
  assert.equal(code, 0, stderr);
  return JSON.parse(stdout) as DeadLetter[];
}

function invoiceEvent(eventId: string, upstreamId: string, total: number) {
  const data = invoiceCreated({
    id: upstreamId,
    external_customer_id: 'cus_dlq',
    number: `DLQ-${upstreamId}`,
    total_amount_cents: total,
  });
  return billingEvent(InvoiceCreated, organizationId, data, { id: eventId });
}

const deadLetterCount = async () => {
  const admin = await BrokerAdmin.connect(stack.amqpUrl);
  try {
    return await admin.messageCount(`${stack.namespace}invoice-service.events.dead-letter`);
  } finally {
    await admin.close();
  }
};

const stored = (upstreamId: string) =>
  stack.withInvoicesDb((db) =>
    db.collection('invoices').find({ upstream_id: upstreamId }).project({ rev: 1 }).toArray(),
  );

test('dlq: a poison event is listed with its reason', async () => {
  await stack.publish('invoice.created', invoiceEvent('evt_poison', 'up_poison', 1.5));
  await waitFor('the poison event dead-lettered', async () => (await deadLetterCount()) === 1);

  const [poison] = await list();
  assert.equal(poison.eventId, 'evt_poison');
  assert.equal(poison.type, 'invoice.created');
  assert.match(poison.reason, /^invalid_payload: data\.total_amount_cents/);
  assert.equal(poison.attempts, 1);
  assert.ok(poison.firstFailedAt && !Number.isNaN(Date.parse(poison.firstFailedAt)));

  const shown = await dlq('show', 'evt_poison');
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /reason: +invalid_payload/);
  assert.match(shown.stdout, /"up_poison"/);
  assert.equal((await list()).length, 1, 'reading never consumes a dead letter');
});

test('dlq: events held for an organization not known yet are stored once after replay', async () => {
  const profiles = (db: Parameters<Parameters<typeof stack.withInvoicesDb>[0]>[0]) =>
    db.collection<{ _id: string }>('organization_profiles');
  const profile = await waitFor('the organization known to invoice-service', () =>
    stack.withInvoicesDb((db) => profiles(db).findOne({ _id: organizationId })),
  );
  await stack.withInvoicesDb((db) => profiles(db).deleteOne({ _id: organizationId }));
  // Delivered twice by upstream (at-least-once): two dead letters carry the same event.
  await stack.publish('invoice.created', invoiceEvent('evt_outage', 'up_outage', 120));
  await stack.publish('invoice.created', invoiceEvent('evt_outage', 'up_outage', 120));
  await waitFor('both copies dead-lettered', async () => (await deadLetterCount()) === 3, {
    timeoutMs: 60_000,
    intervalMs: 250,
  });
  const outage = (await list()).filter((l) => l.eventId === 'evt_outage');
  assert.equal(outage.length, 2);
  for (const letter of outage) {
    assert.match(letter.reason, /unknown_organization: .*\(held 2 attempts\)$/);
    assert.equal(letter.attempts, 2);
    assert.ok(Date.parse(letter.firstFailedAt!) <= Date.parse(letter.failedAt!));
  }
  assert.equal((await stored('up_outage')).length, 0, 'not stored while unknown');

  await stack.withInvoicesDb((db) => profiles(db).insertOne(profile));
  const replayed = await dlq('replay', 'evt_outage');
  assert.equal(replayed.code, 0, replayed.stderr);
  assert.match(replayed.stdout, /2 replayed to invoice-service/);
  await waitFor('the invoice stored', async () => (await stored('up_outage')).length === 1, {
    timeoutMs: 30_000,
    intervalMs: 200,
  });
  // Let the second copy land too, then check it changed nothing.
  await waitFor('the queue drained', async () => {
    const admin = await BrokerAdmin.connect(stack.amqpUrl);
    try {
      return (await admin.messageCount(`${stack.namespace}invoice-service.events`)) === 0;
    } finally {
      await admin.close();
    }
  });
  const documents = await stored('up_outage');
  assert.equal(documents.length, 1);
  assert.equal(documents[0].rev, 1, 'the replayed duplicate changed nothing');

  const left = await list();
  assert.deepEqual(
    left.map((l) => l.eventId),
    ['evt_poison'],
    'only the poison event is left',
  );
  assert.equal((await dlq('replay', 'evt_outage')).code, 1, 'nothing left to replay');
});

test('dlq: purge needs confirmation', async () => {
  const refused = await dlq('purge');
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /--yes/);
  assert.equal((await list()).length, 1);
  const purged = await dlq('purge', '--yes');
  assert.equal(purged.code, 0, purged.stderr);
  assert.match(purged.stdout, /^1 dead letters purged/);
  assert.deepEqual(await list(), []);
});
