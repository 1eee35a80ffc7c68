import { DomainError, ErrorCode } from '@portico/contracts';
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import type { InvoiceChange } from './invoice-change';
import { customerKey } from './customer-invoices.cache';
import { InvoicesStoredHook, type StoredInvoices } from './invoices-stored.hook';
import type { InvoiceRecord } from './invoice-record';
import { InvoiceWriteBatcher } from './invoice-write-batcher';
import type { InvoicesRepository } from './invoices.repository';

const change = (upstreamId: string): InvoiceChange => ({
  kind: 'payment_status',
  organizationId: 'org_1',
  upstreamId,
  externalCustomerId: 'cus_1',
  version: new Date('2026-11-01T00:00:00Z'),
  paymentStatus: 'succeeded',
});

/** A database that refuses any command carrying the invoice `up_bad`, and records what it stored. */
function fakeRepository(
  fail: (records: InvoiceRecord[]) => Error | undefined,
  hook = new InvoicesStoredHook(),
) {
  const stored: string[] = [];
  const repository = {
    insertNew: async (records: InvoiceRecord[]) => {
      const error = fail(records);
      if (error) throw error;
      stored.push(...records.map((r) => r.upstream_id));
      return new Set<string>();
    },
    findStates: async () => new Map(),
    write: async () => new Set<string>(),
  } as unknown as InvoicesRepository;
  return { batcher: new InvoiceWriteBatcher(repository, hook), stored };
}

test('a change the database refuses fails alone; every neighbour in its batch is stored once', async () => {
  const refused = Object.assign(new Error('invalid document'), {
    name: 'MongoServerError',
    code: 2,
  });
  const { batcher, stored } = fakeRepository((records) =>
    records.some((r) => r.upstream_id === 'up_bad') ? refused : undefined,
  );
  const ids = Array.from({ length: 40 }, (_, i) => (i === 17 ? 'up_bad' : `up_${i}`));
  const results = await Promise.allSettled(ids.map((id) => batcher.submit(change(id))));
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [[ids[i], r.reason]] : []));
  assert.equal(failed.length, 1);
  assert.equal(failed[0]![0], 'up_bad');
  assert.ok(failed[0]![1] instanceof DomainError);
  assert.equal((failed[0]![1] as DomainError).code, ErrorCode.ValidationFailed);
  assert.match(
    (failed[0]![1] as DomainError).message,
    /refused by the database: .*invalid document/,
  );
  assert.deepEqual([...stored].sort(), ids.filter((id) => id !== 'up_bad').sort());
});

test('an outage fails the batch as it is, without splitting it or blaming a message', async () => {
  let commands = 0;
  const outage = Object.assign(new Error('connection refused'), { name: 'MongoNetworkError' });
  const { batcher } = fakeRepository(() => {
    commands++;
    return outage;
  });
  const results = await Promise.allSettled(
    Array.from({ length: 10 }, (_, i) => batcher.submit(change(`up_${i}`))),
  );
  assert.ok(results.every((r) => r.status === 'rejected' && r.reason === outage));
  assert.ok(commands <= 2, `expected no bisection, saw ${commands} commands`);
});

test('a change waits while a batch in flight writes its invoice; other invoices do not wait', async () => {
  const writing = new Set<string>();
  const overlaps: string[] = [];
  const writtenWhileHeld: string[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const repository = {
    insertNew: async (records: InvoiceRecord[]) => {
      const ids = records.map((r) => r.upstream_id);
      for (const id of ids) if (writing.has(id)) overlaps.push(id);
      for (const id of ids) writing.add(id);
      if (ids.includes('up_1') && writtenWhileHeld.length === 0) {
        writtenWhileHeld.push('held');
        await held;
      } else writtenWhileHeld.push(...ids);
      for (const id of ids) writing.delete(id);
      return new Set<string>();
    },
    findStates: async () => new Map(),
    write: async () => new Set<string>(),
  } as unknown as InvoicesRepository;
  const batcher = new InvoiceWriteBatcher(repository, new InvoicesStoredHook());

  const first = batcher.submit(change('up_1'));
  await new Promise((resolve) => setTimeout(resolve, 20)); // the first batch is in flight
  const again = batcher.submit(change('up_1'));
  const other = batcher.submit(change('up_2'));
  await other;
  assert.deepEqual(writtenWhileHeld, ['held', 'up_2'], 'up_2 was written while up_1 was held');
  release();
  await Promise.all([first, again]);
  assert.deepEqual(overlaps, [], 'no invoice was in two writes at once');
  assert.deepEqual(writtenWhileHeld, ['held', 'up_2', 'up_1']);
});

test('after a batch is stored the hook hears it once, with its changes, records and customers', async () => {
  const hook = new InvoicesStoredHook();
  const heard: StoredInvoices[] = [];
  hook.register((stored) => void heard.push(stored));
  const { batcher } = fakeRepository(() => undefined, hook);
  await Promise.all([batcher.submit(change('up_1')), batcher.submit(change('up_2'))]);
  assert.equal(heard.length, 1);
  const [stored] = heard;
  assert.deepEqual(stored!.changes.map((c) => c.upstreamId).sort(), ['up_1', 'up_2']);
  assert.deepEqual(stored!.records.map((r) => r.upstream_id).sort(), ['up_1', 'up_2']);
  assert.deepEqual([...stored!.customersByOrganization], [['org_1', new Set(['cus_1'])]]);
  assert.deepEqual(
    stored!.patches
      .get(customerKey('org_1', 'cus_1'))!
      .map((p) => p.id)
      .sort(),
    ['up_1', 'up_2'],
  );
});

test('a reaction that fails fails the batch: its messages are handled again', async () => {
  const hook = new InvoicesStoredHook();
  hook.register(() => Promise.reject(new Error('broadcast refused')));
  const { batcher } = fakeRepository(() => undefined, hook);
  await assert.rejects(batcher.submit(change('up_1')), /broadcast refused/);
});
