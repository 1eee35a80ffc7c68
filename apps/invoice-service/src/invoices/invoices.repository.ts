import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { InvoiceFilter } from '@portico/contracts';
import type { Model } from 'mongoose';
import { Invoice } from './invoice.schema';
import { invoiceDocumentId, type InvoiceRecord, type InvoiceState } from './invoice-record';

export interface InvoiceWrite {
  record: InvoiceRecord;
  /** The revision the change was computed from; 0 for an invoice not stored yet. */
  expectedRev: number;
}

export interface ListQuery {
  organizationId: string;
  externalCustomerId: string;
  filter: InvoiceFilter;
  search?: string;
  afterKey?: string;
  limit: number;
}

export interface TotalsRow {
  _id: string;
  invoices_count: number;
  total_invoiced_cents: number;
  total_outstanding_cents: number;
  total_overdue_cents: number;
}

const FILTER_FIELD: Record<Exclude<InvoiceFilter, 'all'>, string> = {
  paid: 'is_paid',
  unpaid: 'is_outstanding',
  overdue: 'is_overdue',
};

/** Invoices as plain objects. Writes go through the driver in bulk; every query is scoped. */
@Injectable()
export class InvoicesRepository implements OnModuleInit {
  constructor(@InjectModel(Invoice.name) private readonly invoices: Model<Invoice>) {}

  async onModuleInit(): Promise<void> {
    await this.invoices.init();
  }

  /**
   * One `_id` equality lookup per invoice, in parallel: FerretDB answers those from its primary
   * key, while an `$in` over many ids scans the whole collection there.
   */
  async findStates(ids: string[]): Promise<Map<string, InvoiceState>> {
    const found = await Promise.all(
      ids.map((id) => this.invoices.collection.findOne<InvoiceRecord>({ _id: id } as never)),
    );
    return new Map(
      found.filter((r): r is InvoiceRecord => r !== null).map((record) => [record._id, record]),
    );
  }

  /**
   * Inserts records assumed new, in one unordered batch; returns the ids that already existed
   * (duplicate key), which the caller then merges into the stored versions instead.
   */
  async insertNew(records: InvoiceRecord[]): Promise<Set<string>> {
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
   * Writes every record in one unordered bulk: inserts for new invoices, and for known ones an
   * update that only matches the revision the change was computed from. Returns the ids whose
   * write lost a race (another writer got there first); the caller recomputes those.
   */
  async write(writes: InvoiceWrite[]): Promise<Set<string>> {
    if (writes.length === 0) return new Set();
    const operations = writes.map(({ record, expectedRev }): Record<string, unknown> => {
      if (expectedRev === 0) return { insertOne: { document: record } };
      const { _id, ...fields } = record;
      return { updateOne: { filter: { _id, rev: expectedRev }, update: { $set: fields } } };
    });
    const lost = new Set<string>();
    let matched: number;
    let inserted: number;
    try {
      const result = await this.invoices.collection.bulkWrite(operations as never, {
        ordered: false,
      });
      matched = result.matchedCount;
      inserted = result.insertedCount;
    } catch (error) {
      const bulk = error as {
        code?: number;
        writeErrors?: { index: number; code: number }[];
        result?: { matchedCount?: number; insertedCount?: number };
      };
      const writeErrors = bulk.writeErrors ?? [];
      if (writeErrors.length === 0 || writeErrors.some((e) => e.code !== 11000)) throw error;
      for (const e of writeErrors) lost.add(writes[e.index]!.record._id);
      matched = bulk.result?.matchedCount ?? 0;
      inserted = bulk.result?.insertedCount ?? 0;
    }
    if (matched + inserted + lost.size < writes.length) {
      // Some conditional updates matched nothing: find which by reading the revisions back.
      const updates = writes.filter((w) => w.expectedRev > 0 && !lost.has(w.record._id));
      const current = await this.invoices.collection
        .find<{ _id: string; rev: number }>(
          { _id: { $in: updates.map((w) => w.record._id) } } as never,
          {
            projection: { rev: 1 },
          },
        )
        .toArray();
      const revs = new Map(current.map((c) => [c._id, c.rev]));
      for (const w of updates) if (revs.get(w.record._id) !== w.record.rev) lost.add(w.record._id);
    }
    return lost;
  }

  /** One page plus one record, so the caller knows whether there is a next page. */
  list(query: ListQuery): Promise<InvoiceRecord[]> {
    return this.invoices.collection
      .find<InvoiceRecord>(this.listFilter(query) as never, { projection: { 'document.fees': 0 } })
      .sort({ list_key: -1 })
      .limit(query.limit + 1)
      .toArray();
  }

  count(query: Omit<ListQuery, 'afterKey' | 'limit'>): Promise<number> {
    return this.invoices.collection.countDocuments(this.listFilter(query) as never);
  }

  /**
   * One `$group` per sum, merged here. FerretDB 1.24 computes only the first accumulator of a
   * `$group` and returns 0 for the others (checked against it), so a single
   * `{$group: {a: {$sum…}, b: {$sum…}}}` would silently report zero totals there.
   */
  async totals(organizationId: string, externalCustomerId: string): Promise<TotalsRow[]> {
    const match = {
      organization_id: organizationId,
      external_customer_id: externalCustomerId,
      visible: true,
    };
    const sums = {
      invoices_count: 1,
      total_invoiced_cents: '$invoiced_cents',
      total_outstanding_cents: '$outstanding_due_cents',
      total_overdue_cents: '$overdue_due_cents',
    } as const;
    const results = await Promise.all(
      Object.entries(sums).map(async ([name, value]) => {
        const rows = await this.invoices.collection
          .aggregate<{ _id: string; value: number }>([
            { $match: match },
            { $group: { _id: '$currency', value: { $sum: value } } },
          ])
          .toArray();
        return { name: name as keyof typeof sums, rows };
      }),
    );
    const byCurrency = new Map<string, TotalsRow>();
    for (const { name, rows } of results) {
      for (const row of rows) {
        const totals = byCurrency.get(row._id) ?? {
          _id: row._id,
          invoices_count: 0,
          total_invoiced_cents: 0,
          total_outstanding_cents: 0,
          total_overdue_cents: 0,
        };
        totals[name] = row.value;
        byCurrency.set(row._id, totals);
      }
    }
    return [...byCurrency.values()].sort((a, b) => a._id.localeCompare(b._id));
  }

  /** By the derived `_id`: the one lookup FerretDB's SQLite backend answers without a scan. */
  async findVisible(
    organizationId: string,
    upstreamId: string,
    externalCustomerId?: string,
  ): Promise<InvoiceRecord | null> {
    const record = await this.invoices.collection.findOne<InvoiceRecord>({
      _id: invoiceDocumentId(organizationId, upstreamId),
    } as never);
    const matches =
      record !== null &&
      record.organization_id === organizationId &&
      record.upstream_id === upstreamId &&
      record.visible &&
      (externalCustomerId === undefined || record.external_customer_id === externalCustomerId);
    return matches ? record : null;
  }

  private listFilter(
    query: Omit<ListQuery, 'limit'> & { afterKey?: string },
  ): Record<string, unknown> {
    return {
      organization_id: query.organizationId,
      external_customer_id: query.externalCustomerId,
      visible: true,
      ...(query.filter !== 'all' && { [FILTER_FIELD[query.filter]]: true }),
      ...(query.search && { number: { $regex: escapeRegex(query.search), $options: 'i' } }),
      ...(query.afterKey && { list_key: { $lt: query.afterKey } }),
    };
  }
}

/** Search text is matched literally: `INV.1*` finds "INV.1*", it is not a pattern. */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
