import { DomainError, ErrorCode, type UpstreamInvoice } from '@portico/contracts';
import { upstreamInvoice } from '@portico/testing';
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { CustomerInvoicesCache } from './customer-invoices.cache';
import { storedInvoice } from '../../test/stored-invoices';
import type { InvoiceRecord } from './invoice-record';
import type { PartiesRepository } from '../parties/parties.repository';
import type { InvoicesRepository } from './invoices.repository';
import { InvoicesService } from './invoices.service';

function record(i: number, overrides: Partial<UpstreamInvoice> = {}): InvoiceRecord {
  return storedInvoice(
    upstreamInvoice({
      id: `inv_${i}`,
      external_customer_id: 'cus_1',
      number: `N-${i}`,
      issuing_date: new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10),
      payment_due_date: null,
      payment_status: i % 3 === 0 ? 'succeeded' : 'pending',
      payment_dispute_lost_at: null,
      currency: i % 4 === 0 ? 'USD' : 'EUR',
      sub_total_excluding_taxes_amount_cents: 100 * i,
      taxes_amount_cents: 0,
      total_amount_cents: 100 * i,
      total_due_amount_cents: 100 * i,
      fees: [],
      updated_at: '2026-11-01T00:00:00Z',
      ...overrides,
    }),
  );
}

const records = Array.from({ length: 60 }, (_, i) => record(i));

/** A database that answers the index queries at once and the whole list only when released. */
function repository(sortsInDatabase: boolean) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const newestFirst = [...records].sort((a, b) => (a.list_key < b.list_key ? 1 : -1));
  const repo = {
    sortsInDatabase,
    listVisible: async () => (await released, records),
    newestVisible: async (_o: string, _c: string, limit: number) => newestFirst.slice(0, limit),
    countVisible: async () => records.length,
    totalsVisible: async () => {
      const byCurrency = new Map<string, Record<string, number | string>>();
      for (const r of records) {
        const t = byCurrency.get(r.currency!) ?? {
          currency: r.currency!,
          invoices_count: 0,
          total_invoiced_cents: 0,
          total_outstanding_cents: 0,
          total_overdue_cents: 0,
        };
        (t.invoices_count as number)++;
        (t.total_invoiced_cents as number) += r.invoiced_cents;
        (t.total_outstanding_cents as number) += r.outstanding_due_cents;
        (t.total_overdue_cents as number) += r.overdue_due_cents;
        byCurrency.set(r.currency!, t);
      }
      return [...byCurrency.values()].sort((a, b) =>
        String(a.currency).localeCompare(String(b.currency)),
      );
    },
  };
  return { repo: repo as unknown as InvoicesRepository, release };
}

/** The customer list never asks for customer profiles. */
const parties = {} as PartiesRepository;

const request = {
  organization_id: 'org_1',
  external_customer_id: 'cus_1',
  filter: 'all' as const,
  limit: 25,
  with_totals: true,
};

test('a cold first page comes from the index without waiting for the whole list, and equals it', async () => {
  const cache = () => new CustomerInvoicesCache({ maxInvoices: 1_000, maxAgeMs: 60_000 });
  const cold = repository(true);
  const fromIndex = await new InvoicesService(cold.repo, cache(), parties).list(request);
  const warm = repository(true);
  const service = new InvoicesService(warm.repo, cache(), parties);
  const pending = service.list({ ...request, search: 'N' }); // not a plain first page: waits
  warm.release();
  await pending;
  const fromMemory = await service.list(request); // cached now: served from memory
  assert.deepEqual(fromIndex, fromMemory);
  assert.equal(fromIndex.invoices.length, 25);
  assert.equal(fromIndex.total_count, 60);
  assert.ok(fromIndex.next_cursor);
  cold.release();
});

test('where the database cannot sort with an index (FerretDB), the list is loaded instead', async () => {
  const { repo, release } = repository(false);
  let answered = false;
  const pending = new InvoicesService(
    repo,
    new CustomerInvoicesCache({ maxInvoices: 1_000, maxAgeMs: 60_000 }),
    parties,
  )
    .list(request)
    .then(() => (answered = true));
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(answered, false);
  release();
  await pending;
  assert.equal(answered, true);
});

describe('paging over a customer list in memory', () => {
  // 30 invoices, one a day: paid every third, overdue every fifth of the others, "SPECIAL" thrice.
  const paid = (i: number) => i % 3 === 0;
  const overdue = (i: number) => !paid(i) && i % 5 === 0;
  const invoices = Array.from({ length: 30 }, (_, i) =>
    record(i, { payment_overdue: overdue(i), ...(i % 10 === 7 && { number: `SPECIAL-${i}` }) }),
  );
  const service = () => {
    const repo = { sortsInDatabase: false, listVisible: async () => invoices };
    const cache = new CustomerInvoicesCache({ maxInvoices: 1_000, maxAgeMs: 60_000 });
    return new InvoicesService(repo as unknown as InvoicesRepository, cache, parties);
  };
  /** The ids of the invoices kept, newest (the highest index) first. */
  const where = (keep: (i: number) => boolean) =>
    Array.from({ length: 30 }, (_, i) => 29 - i)
      .filter(keep)
      .map((i) => `inv_${i}`);
  const newestFirst = where(() => true);
  const page = { ...request, limit: 7, with_totals: false };
  const ids = (answer: { invoices: { id: string }[] }) => answer.invoices.map((i) => i.id);

  test('forwards: every invoice once, newest first, then no next page', async () => {
    const invoicesService = service();
    const seen: string[] = [];
    const offsets: number[] = [];
    let cursor: string | undefined;
    let first = true;
    do {
      const answer = await invoicesService.list({ ...page, cursor });
      if (first) assert.equal(answer.previous_cursor, null, 'nothing before the first page');
      first = false;
      assert.equal(answer.total_count, 30);
      offsets.push(answer.offset);
      seen.push(...ids(answer));
      cursor = answer.next_cursor ?? undefined;
    } while (cursor);
    assert.deepEqual(seen, newestFirst);
    assert.deepEqual(offsets, [0, 7, 14, 21, 28]);
  });

  test('backwards from the last page: the same pages, in reverse, down to the first', async () => {
    const invoicesService = service();
    const forwards: string[][] = [];
    let answer = await invoicesService.list(page);
    forwards.push(ids(answer));
    while (answer.next_cursor) {
      answer = await invoicesService.list({ ...page, cursor: answer.next_cursor });
      forwards.push(ids(answer));
    }
    const backwards: string[][] = [];
    while (answer.previous_cursor) {
      answer = await invoicesService.list({ ...page, cursor: answer.previous_cursor });
      backwards.push(ids(answer));
    }
    assert.deepEqual(backwards, forwards.slice(0, -1).reverse());
    assert.equal(answer.offset, 0);
  });

  test('filters and search narrow the list, the count and the pages alike', async () => {
    const invoicesService = service();
    const all = async (filter: 'all' | 'paid' | 'unpaid' | 'overdue', search?: string) => {
      const answer = await invoicesService.list({ ...request, filter, search, limit: 100 });
      assert.equal(answer.total_count, answer.invoices.length);
      return ids(answer);
    };
    assert.deepEqual(await all('paid'), where(paid));
    assert.deepEqual(
      await all('unpaid'),
      where((i) => !paid(i)),
    );
    assert.deepEqual(await all('overdue'), where(overdue));
    assert.deepEqual(await all('all', 'special'), ['inv_27', 'inv_17', 'inv_7']);
    assert.deepEqual(await all('unpaid', 'special'), ['inv_17', 'inv_7'], 'inv_27 is paid');
    const paged = await invoicesService.list({ ...request, filter: 'unpaid', limit: 2 });
    assert.equal(paged.total_count, where((i) => !paid(i)).length);
    assert.equal(paged.invoices.length, 2);
  });

  test('a cursor this service did not hand out is refused as invalid', async () => {
    await assert.rejects(
      service().list({ ...page, cursor: 'bm90LWEtY3Vyc29y' }),
      (error: DomainError) => error.code === ErrorCode.ValidationFailed,
    );
  });
});
