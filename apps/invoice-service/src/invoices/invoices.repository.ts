import { Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectModel } from '@nestjs/mongoose';
import { tenantCollectionOf, type TenantCollection, type TenantFilter } from '@portico/persistence';
import type { Model } from 'mongoose';
import { INVOICE_MODEL } from './invoice.model';
import { invoiceDocumentId, type InvoiceRecord, type InvoiceState } from './invoice-record';

/**
 * Operations per write command. FerretDB 1.24 on PostgreSQL holds one pooled connection per
 * update of a command until the command ends (and one more to write), so a command with as many
 * updates as its pool has connections waits on itself forever and every client with it: 51
 * against its default pool of 50. Small commands keep that impossible whatever the pool
 * (deploy/local sizes it at 200; the writer runs at most two batches at once); MongoDB only sees
 * a few more round trips.
 */
export const MAX_OPERATIONS_PER_COMMAND = 20;
/** `_id` lookups in flight per batch: enough to overlap round trips, few enough to share the pool. */
const MAX_PARALLEL_LOOKUPS = 32;

export interface InvoiceWrite {
  record: InvoiceRecord;
  /** The revision the change was computed from; 0 for an invoice not stored yet. */
  expectedRev: number;
}

/** Invoices as plain objects. Writes go through the driver in bulk; every query is scoped. */
@Injectable()
export class InvoicesRepository implements OnModuleInit {
  /**
   * Whether the database sorts with an index (MongoDB). FerretDB 1.24 pushes filters down to
   * PostgreSQL but sorts in memory after reading every match, so there a sorted page of a
   * customer costs as much as the whole list and is not worth a separate query.
   */
  sortsInDatabase = true;

  /** The same collection, typed: reads name the organization or the derived `_id`. */
  private readonly records: TenantCollection<InvoiceRecord>;

  constructor(@InjectModel(INVOICE_MODEL) private readonly invoices: Model<InvoiceRecord>) {
    this.records = tenantCollectionOf(this.invoices);
  }

  async onModuleInit(): Promise<void> {
    await this.invoices.init();
    const info = await this.invoices.db.db
      ?.admin()
      .command({ buildInfo: 1 })
      .catch(() => undefined);
    this.sortsInDatabase = !(info && 'ferretdbVersion' in info);
  }

  /**
   * One `_id` equality lookup per invoice, in parallel: FerretDB answers those from its primary
   * key, while an `$in` over many ids scans the whole collection there.
   */
  async findStates(ids: string[]): Promise<Map<string, InvoiceState>> {
    const found: (InvoiceRecord | null)[] = [];
    for (const group of chunks(ids, MAX_PARALLEL_LOOKUPS)) {
      found.push(...(await Promise.all(group.map((id) => this.records.findById(id)))));
    }
    return new Map(
      found.filter((r): r is InvoiceRecord => r !== null).map((record) => [record._id, record]),
    );
  }

  /**
   * Inserts records assumed new, in one unordered batch; returns the ids that already existed
   * (duplicate key), which the caller then merges into the stored versions instead.
   */
  async insertNew(records: InvoiceRecord[]): Promise<Set<string>> {
    // One command whatever the size: FerretDB inserts a command's documents in one transaction
    // on one connection (only updates hold one each).
    if (records.length === 0) return new Set();
    try {
      await this.invoices.collection.insertMany(records as never[], { ordered: false });
      return new Set();
    } catch (error) {
      const writeErrors =
        (error as { writeErrors?: { index: number; code: number }[] }).writeErrors ?? [];
      if (writeErrors.length === 0 || writeErrors.some((e) => e.code !== 11000)) throw error;
      return new Set(writeErrors.map((e) => records[e.index]!._id));
    }
  }

  /**
   * Writes every record in unordered bulks of MAX_OPERATIONS_PER_COMMAND, one after another:
   * inserts for new invoices, and for known ones an update that only matches the revision the
   * change was computed from. Returns the ids whose write lost a race (another writer got there
   * first); the caller recomputes those.
   */
  async write(writes: InvoiceWrite[]): Promise<Set<string>> {
    const lost = new Set<string>();
    for (const group of chunks(writes, MAX_OPERATIONS_PER_COMMAND)) {
      for (const id of await this.writeCommand(group)) lost.add(id);
    }
    return lost;
  }

  private async writeCommand(writes: InvoiceWrite[]): Promise<Set<string>> {
    if (writes.length === 0) return new Set();
    // Two writers that read the same revision both write rev + 1: the revision read back cannot
    // tell whose update matched, so each update carries a token of its own to compare.
    const tokens = writes.map(() => randomUUID());
    const operations = writes.map(({ record, expectedRev }, i): Record<string, unknown> => {
      if (expectedRev === 0) return { insertOne: { document: record } };
      const { _id, ...fields } = record;
      const update = { $set: { ...fields, write_token: tokens[i] } };
      return { updateOne: { filter: { _id, rev: expectedRev }, update } };
    });
    const lost = new Set<string>();
    try {
      await this.invoices.collection.bulkWrite(operations as never, {
        ordered: false,
      });
    } catch (error) {
      const bulk = error as {
        code?: number;
        writeErrors?: { index: number; code: number }[];
      };
      const writeErrors = bulk.writeErrors ?? [];
      if (writeErrors.length === 0 || writeErrors.some((e) => e.code !== 11000)) throw error;
      for (const e of writeErrors) lost.add(writes[e.index]!.record._id);
    }
    // The counts cannot be trusted to say which conditional update lost (and FerretDB's may say
    // none did when one did): whenever there were updates, their tokens are read back.
    const updates = writes
      .map((write, i) => ({ write, token: tokens[i] }))
      .filter(({ write }) => write.expectedRev > 0 && !lost.has(write.record._id));
    if (updates.length > 0) {
      // Read by `_id` one by one, as findStates does: an `$in` scans the whole collection on
      // FerretDB (the soak's 50 updates/s fell behind at 200,000 invoices).
      const current = await this.findStates(updates.map(({ write }) => write.record._id));
      for (const { write, token } of updates) {
        const stored = current.get(write.record._id) as { write_token?: string } | undefined;
        if (stored?.write_token !== token) lost.add(write.record._id);
      }
    }
    return lost;
  }

  /**
   * Every visible invoice of one customer, without line items. Served by the
   * (organization_id, external_customer_id, visible) index on MongoDB and pushed down to SQL by
   * FerretDB's PostgreSQL backend; callers keep the result (CustomerInvoicesCache).
   */
  listVisible(organizationId: string, externalCustomerId: string): Promise<InvoiceRecord[]> {
    return this.records
      .find(
        {
          organization_id: organizationId,
          external_customer_id: externalCustomerId,
          visible: true,
        },
        { projection: { 'document.fees': 0 } },
      )
      .toArray();
  }

  /**
   * The newest `limit` visible invoices of a customer, by the (organization_id,
   * external_customer_id, visible, list_key) index: the first portal page without loading the list.
   */
  newestVisible(
    organizationId: string,
    externalCustomerId: string,
    limit: number,
  ): Promise<InvoiceRecord[]> {
    return this.records
      .find(
        {
          organization_id: organizationId,
          external_customer_id: externalCustomerId,
          visible: true,
        },
        { projection: { 'document.fees': 0 } },
      )
      .sort({ list_key: -1 })
      .limit(limit)
      .toArray();
  }

  countVisible(organizationId: string, externalCustomerId: string): Promise<number> {
    return this.records.countDocuments({
      organization_id: organizationId,
      external_customer_id: externalCustomerId,
      visible: true,
    });
  }

  /** Per currency, as CurrencyTotals, sorted by currency code. */
  async totalsVisible(organizationId: string, externalCustomerId: string) {
    const rows = await this.invoices.collection
      .aggregate<{
        _id: string;
        invoices_count: number;
        total_invoiced_cents: number;
        total_outstanding_cents: number;
        total_overdue_cents: number;
      }>([
        {
          $match: {
            organization_id: organizationId,
            external_customer_id: externalCustomerId,
            visible: true,
          },
        },
        {
          $group: {
            _id: '$currency',
            invoices_count: { $sum: 1 },
            total_invoiced_cents: { $sum: '$invoiced_cents' },
            total_outstanding_cents: { $sum: '$outstanding_due_cents' },
            total_overdue_cents: { $sum: '$overdue_due_cents' },
          },
        },
      ])
      .toArray();
    return rows
      .map(({ _id, ...totals }) => ({ currency: _id, ...totals }))
      .sort((a, b) => a.currency.localeCompare(b.currency));
  }

  /** By the derived `_id`: the one lookup FerretDB's SQLite backend answers without a scan. */
  findVisible(
    organizationId: string,
    upstreamId: string,
    externalCustomerId?: string,
  ): Promise<InvoiceRecord | null> {
    return this.records.findByIdMatching(invoiceDocumentId(organizationId, upstreamId), {
      organization_id: organizationId,
      upstream_id: upstreamId,
      visible: true,
      ...(externalCustomerId !== undefined && { external_customer_id: externalCustomerId }),
    });
  }

  /**
   * One page of an organization's visible invoices matching `filter`, newest first (`list_key`
   * descending; ascending when paging back), without line items, and how many match in all.
   */
  async search(
    filter: TenantFilter<InvoiceRecord>,
    { skip, limit, ascending = false }: { skip: number; limit: number; ascending?: boolean },
  ): Promise<InvoiceRecord[]> {
    return this.records
      .find(filter, { projection: { 'document.fees': 0 } })
      .sort({ list_key: ascending ? 1 : -1 })
      .skip(skip)
      .limit(limit)
      .toArray();
  }

  count(filter: TenantFilter<InvoiceRecord>): Promise<number> {
    return this.records.countDocuments(filter);
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
