// Lookups that every event about an existing invoice makes, at scale, on whatever database
// MONGODB_URI names (FerretDB on PostgreSQL locally): findOne({_id}), one conditional update
// ({_id, rev}), one customer's list query, and a burst of updates through the repository's bulk
// write (which FerretDB 1.24 wedged on at 51 updates per command before it was bounded).
//   npm run bench:lookups        (INVOICES=200000 CUSTOMERS=2000 RUNS=30 BURST=500)
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { InvoiceSchema } from '../apps/invoice-service/src/invoices/invoice.model';
import { InvoicesRepository } from '../apps/invoice-service/src/invoices/invoices.repository';
import { benchInvoice } from './bench-invoices';

const INVOICES = Number(process.env.INVOICES ?? 200_000);
const CUSTOMERS = Number(process.env.CUSTOMERS ?? 2_000);
const RUNS = Number(process.env.RUNS ?? 30);
const BURST = Number(process.env.BURST ?? 500);
const MONGODB_URI = process.env.MONGODB_URI!;
const ORG = 'org_bench';
const customerOf = (i: number) => `cus_${i % CUSTOMERS}`;

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return `p50 ${at(0.5).toFixed(1)} ms  p95 ${at(0.95).toFixed(1)} ms`;
}

async function timed(runs: number, work: (run: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    await work(run);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

async function main(): Promise<void> {
  const database = `bench_lookups_${randomBytes(3).toString('hex')}`;
  const db = mongoose.createConnection(MONGODB_URI, { dbName: database });
  await db.asPromise();
  const model = db.model('Invoice', InvoiceSchema);
  await model.init();
  const repository = new InvoicesRepository(model as never);
  try {
    console.log(`database lookups: ${INVOICES} invoices over ${CUSTOMERS} customers, ${RUNS} runs`);
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; database ${MONGODB_URI}`,
    );
    const seeding = process.hrtime.bigint();
    for (let i = 0; i < INVOICES; i += 1_000) {
      const batch = Array.from({ length: Math.min(1_000, INVOICES - i) }, (_, k) =>
        benchInvoice(i + k, customerOf(i + k)),
      );
      await model.collection.insertMany(batch as never[], { ordered: false });
    }
    const seconds = Number(process.hrtime.bigint() - seeding) / 1e9;
    console.log(`  seeded in ${seconds.toFixed(0)} s (${(INVOICES / seconds).toFixed(0)}/s)`);
    // Spread over the collection, so no run is served by a page another just read.
    const pick = (run: number) => Math.floor(((run * 7_919) % RUNS) * (INVOICES / RUNS));
    const idOf = (i: number) => benchInvoice(i, customerOf(i))._id;
    const rows: [string, number[]][] = [];
    rows.push([
      'findOne({_id})',
      await timed(RUNS, (run) => model.collection.findOne({ _id: idOf(pick(run)) } as never)),
    ]);
    rows.push([
      'updateOne({_id, rev})',
      await timed(RUNS, (run) =>
        model.collection.updateOne({ _id: idOf(pick(run)), rev: 1 } as never, {
          $set: { rev: 2 },
        }),
      ),
    ]);
    rows.push([
      `list of one customer (${INVOICES / CUSTOMERS})`,
      await timed(Math.min(RUNS, 10), (run) =>
        repository.listVisible(ORG, `cus_${(run * 37) % CUSTOMERS}`),
      ),
    ]);
    // The burst: BURST existing invoices updated through the repository at once.
    const burst = Array.from({ length: BURST }, (_, k) => {
      const record = benchInvoice(INVOICES - 1 - k, customerOf(INVOICES - 1 - k));
      return { record: { ...record, rev: 2 }, expectedRev: 1 };
    });
    const burstStarted = process.hrtime.bigint();
    const lost = await repository.write(burst);
    const burstMs = Number(process.hrtime.bigint() - burstStarted) / 1e6;
    for (const [name, samples] of rows) console.log(`  ${name.padEnd(34)} ${stats(samples)}`);
    console.log(
      `  ${`burst of ${BURST} updates (repository)`.padEnd(34)} ${burstMs.toFixed(0)} ms, ${lost.size} lost races`,
    );
  } finally {
    await db.dropDatabase();
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
