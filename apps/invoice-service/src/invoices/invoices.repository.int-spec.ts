import { testEnvironment, uniqueDatabaseName } from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from '@jest/globals';
import mongoose, { type Connection } from 'mongoose';
import type { InvoiceChange } from './invoice-change';
import {
  applyChange,
  derive,
  emptyState,
  invoiceDocumentId,
  type InvoiceRecord,
} from './invoice-record';
import { INVOICE_MODEL, InvoiceSchema } from './invoice.model';
import { InvoicesRepository } from './invoices.repository';

// The conditional write against the real database (FerretDB under `npm test`): a writer whose
// revision is stale must hear that it lost, whatever the other writer wrote.
let connection: Connection;
let repository: InvoicesRepository;

beforeAll(async () => {
  connection = await mongoose
    .createConnection(testEnvironment.mongoUri, { dbName: uniqueDatabaseName('invoices_repo') })
    .asPromise();
  repository = new InvoicesRepository(connection.model(INVOICE_MODEL, InvoiceSchema) as never);
  await repository.onModuleInit();
});
afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

function paymentStatus(upstreamId: string, status: 'pending' | 'succeeded' | 'failed', at: string) {
  return {
    kind: 'payment_status',
    organizationId: 'org_repo',
    upstreamId,
    externalCustomerId: 'cus_repo',
    version: new Date(at),
    paymentStatus: status,
  } satisfies InvoiceChange;
}

/** What a writer that read `from` computes for `change`: the next revision of that state. */
function next(from: InvoiceRecord, change: InvoiceChange): InvoiceRecord {
  const state = { ...from };
  applyChange(state, change);
  return derive({ ...state, rev: from.rev + 1 });
}

/** A new invoice's first revision, pending. */
function firstRevision(upstreamId: string): InvoiceRecord {
  const change = paymentStatus(upstreamId, 'pending', '2026-11-01T00:00:00Z');
  const state = emptyState(change);
  applyChange(state, change);
  return derive({ ...state, rev: 1 });
}

async function stored(upstreamId: string): Promise<InvoiceRecord> {
  const id = invoiceDocumentId('org_repo', upstreamId);
  return (await repository.findStates([id])).get(id) as InvoiceRecord;
}

test('two writers of the same revision: the second hears it lost, though both wrote rev + 1', async () => {
  const created = firstRevision('up_race');
  assert.deepEqual(await repository.write([{ record: created, expectedRev: 0 }]), new Set());

  const read = await stored('up_race');
  const winner = next(read, paymentStatus('up_race', 'succeeded', '2026-11-03T00:00:00Z'));
  const loser = next(read, paymentStatus('up_race', 'failed', '2026-11-02T00:00:00Z'));
  assert.equal(winner.rev, loser.rev, 'both computed the same next revision');

  assert.deepEqual(await repository.write([{ record: winner, expectedRev: read.rev }]), new Set());
  const lost = await repository.write([{ record: loser, expectedRev: read.rev }]);

  assert.deepEqual([...lost], [loser._id], 'the stale writer is told to recompute');
  const after = await stored('up_race');
  assert.equal(after.payment_status, 'succeeded', "the winner's write stands");
  assert.equal(after.rev, winner.rev);
});

test('writers of different invoices in one command: only the stale one is reported lost', async () => {
  const ids = ['up_a', 'up_b', 'up_c'];
  await repository.write(ids.map((id) => ({ record: firstRevision(id), expectedRev: 0 })));
  const reads = await Promise.all(ids.map(stored));
  const paid = (r: InvoiceRecord) =>
    next(r, paymentStatus(r.upstream_id, 'succeeded', '2026-11-05T00:00:00Z'));
  // Someone else moves up_b on first.
  await repository.write([{ record: paid(reads[1]!), expectedRev: reads[1]!.rev }]);

  const lost = await repository.write(reads.map((r) => ({ record: paid(r), expectedRev: r.rev })));

  assert.deepEqual([...lost], [reads[1]!._id]);
  for (const id of ids) assert.equal((await stored(id)).payment_status, 'succeeded');
});
