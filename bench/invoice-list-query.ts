// The portal's invoice list query for one customer with 5,000 invoices in an organization with
// 200,000, through InvoicesService as the RPC handler calls it: the customer's invoices loaded
// once (cold: cache dropped before each run) and then served from memory (warm), first page and
// the last page, against skip/limit straight on the database, same run, same data.
//   npm run bench:invoice-list        (ORG_INVOICES=200000 CUSTOMER_INVOICES=5000 PAGE=25 RUNS=20)
import type { InvoiceFilter } from '@portico/contracts';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { InvoiceSchema } from '../apps/invoice-service/src/invoices/invoice.model';
import type { InvoiceRecord } from '../apps/invoice-service/src/invoices/invoice-record';
import {
  CustomerInvoicesCache,
  customerKey,
} from '../apps/invoice-service/src/invoices/customer-invoices.cache';
import { InvoicesRepository } from '../apps/invoice-service/src/invoices/invoices.repository';
import { InvoicesService } from '../apps/invoice-service/src/invoices/invoices.service';
import { PartiesRepository } from '../apps/invoice-service/src/parties/parties.repository';
import { benchInvoice } from './bench-invoices';
import { BenchRun } from './bench-record';

const ORG_INVOICES = Number(process.env.ORG_INVOICES ?? 200_000);
const CUSTOMER_INVOICES = Number(process.env.CUSTOMER_INVOICES ?? 5_000);
const PAGE = Number(process.env.PAGE ?? 25);
const RUNS = Number(process.env.RUNS ?? 20);
const MONGODB_URI = process.env.MONGODB_URI!;
const ORG = 'org_bench';
const TARGET = 'cus_target';

function record(i: number): InvoiceRecord {
  // The target customer gets CUSTOMER_INVOICES invoices; the rest spread over 39 other customers.
  const customer = i < CUSTOMER_INVOICES ? TARGET : `cus_${i % 39}`;
  return benchInvoice(
    i,
    customer,
    { payment_status: i % 3 === 0 ? 'succeeded' : 'pending', payment_overdue: i % 11 === 0 },
    ORG,
  );
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return `p50 ${at(0.5).toFixed(1)} ms  p95 ${at(0.95).toFixed(1)} ms`;
}

async function time(work: () => Promise<unknown>): Promise<number[]> {
  await work(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

async function main(): Promise<void> {
  const database = `bench_list_${randomBytes(3).toString('hex')}`;
  const db = mongoose.createConnection(MONGODB_URI, { dbName: database });
  await db.asPromise();
  const model = db.model('Invoice', InvoiceSchema);
  await model.init();
  const repository = new InvoicesRepository(model as never);
  const cache = new CustomerInvoicesCache({ maxInvoices: 1_000_000, maxAgeMs: 3_600_000 });
  const service = new InvoicesService(repository, cache, new PartiesRepository(db as never));
  const cold =
    <T>(work: () => Promise<T>) =>
    () => {
      cache.invalidate(customerKey(ORG, TARGET));
      return work();
    };
  try {
    const run = BenchRun.start('invoice-list', {
      customer_invoices: CUSTOMER_INVOICES,
      organization_invoices: ORG_INVOICES,
      page: PAGE,
      runs: RUNS,
    });
    const seeding = process.hrtime.bigint();
    for (let i = 0; i < ORG_INVOICES; i += 1_000) {
      const batch = Array.from({ length: Math.min(1_000, ORG_INVOICES - i) }, (_, k) =>
        record(i + k),
      );
      await model.collection.insertMany(batch as never[], { ordered: false });
    }
    console.log(`  seeded in ${(Number(process.hrtime.bigint() - seeding) / 1e9).toFixed(0)} s`);

    const query = {
      organization_id: ORG,
      external_customer_id: TARGET,
      filter: 'all' as InvoiceFilter,
      limit: PAGE,
      with_totals: false,
    };
    const filter = { organization_id: ORG, external_customer_id: TARGET, visible: true };
    // The cursor of the last page, as a client paging through would hold it (computed, not walked).
    const targetKeys = Array.from({ length: CUSTOMER_INVOICES }, (_, i) => record(i).list_key)
      .sort()
      .reverse();
    const deepPage = Math.floor((CUSTOMER_INVOICES - 1) / PAGE);
    const deepCursor = Buffer.from(`a|${targetKeys[deepPage * PAGE - 1]}`).toString('base64url');
    const skipLimit = (skip: number) =>
      model.collection
        .find(filter, { projection: { 'document.fees': 0 } })
        .sort({ list_key: -1 })
        .skip(skip)
        .limit(PAGE + 1)
        .toArray();
    const last = `page ${deepPage + 1} (last)`;

    const rows: [string, number[]][] = [
      ['skip/limit, first page', await time(() => skipLimit(0))],
      [`skip/limit, ${last}`, await time(() => skipLimit(deepPage * PAGE))],
      ['cold (load), first page', await time(cold(() => service.list(query)))],
      ['warm, first page', await time(() => service.list(query))],
      [`warm, ${last}`, await time(() => service.list({ ...query, cursor: deepCursor }))],
      ['warm, search "00012"', await time(() => service.list({ ...query, search: '00012' }))],
      ['warm, totals per currency', await time(() => service.totals(ORG, TARGET))],
    ];
    for (const [name, samples] of rows) console.log(`  ${name.padEnd(30)} ${stats(samples)}`);
    const p50 = (samples: number[]) =>
      [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
    console.log(
      `ratio warm last page / skip-limit last page (p50): ${(p50(rows[4]![1]) / p50(rows[1]![1])).toFixed(3)}`,
    );
    console.log(
      `ratio cold first page / skip-limit first page (p50): ${(p50(rows[2]![1]) / p50(rows[0]![1])).toFixed(2)}`,
    );
    const skipLimitLast = p50(rows[1]![1]);
    for (const index of [2, 3, 4, 5]) {
      const [name, samples] = rows[index]!;
      run.record({
        figure: `${name}, p50`,
        value: p50(samples),
        unit: 'ms',
        baseline: { name: `skip/limit, ${last}`, value: skipLimitLast, unit: 'ms' },
        ratio: p50(samples) / skipLimitLast,
      });
    }
    await run.finish();
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
