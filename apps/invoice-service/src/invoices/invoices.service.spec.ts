import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { CustomerInvoicesCache } from './customer-invoices.cache';
import { applyChange, derive, emptyState, type InvoiceRecord } from './invoice-record';
import type { PartiesRepository } from '../parties/parties.repository';
import type { InvoicesRepository } from './invoices.repository';
import { InvoicesService } from './invoices.service';

function record(i: number): InvoiceRecord {
  const change = {
    kind: 'document' as const,
    organizationId: 'org_1',
    upstreamId: `inv_${i}`,
    externalCustomerId: 'cus_1',
    version: new Date('2026-11-01T00:00:00Z'),
    invoice: {
      id: `inv_${i}`,
      external_customer_id: 'cus_1',
      number: `N-${i}`,
      issuing_date: new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10),
      payment_due_date: null,
      status: 'finalized' as const,
      payment_status: i % 3 === 0 ? ('succeeded' as const) : ('pending' as const),
      payment_overdue: false,
      payment_dispute_lost_at: null,
      invoice_type: 'subscription' as const,
      currency: i % 4 === 0 ? 'USD' : 'EUR',
      sub_total_excluding_taxes_amount_cents: 100 * i,
      taxes_amount_cents: 0,
      total_amount_cents: 100 * i,
      total_due_amount_cents: 100 * i,
      fees: [],
      updated_at: '2026-11-01T00:00:00Z',
    },
  };
  const state = emptyState(change);
  applyChange(state, change);
  return derive({ ...state, rev: 1 });
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
