import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Invoice } from './invoice.schema';
import { invoiceDocumentId, type InvoiceRecord, type InvoiceState } from './invoice-record';

export interface InvoiceWrite {
  record: InvoiceRecord;
  /** The revision the change was computed from; 0 for an invoice not stored yet. */
  expectedRev: number;
}

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

  /**
   * Every visible invoice of one customer, without line items. Served by the
   * (organization_id, external_customer_id, visible) index on MongoDB and pushed down to SQL by
   * FerretDB's PostgreSQL backend; callers keep the result (CustomerInvoicesCache).
   */
  listVisible(organizationId: string, externalCustomerId: string): Promise<InvoiceRecord[]> {
    return this.invoices.collection
      .find<InvoiceRecord>(
        {
          organization_id: organizationId,
          external_customer_id: externalCustomerId,
          visible: true,
        } as never,
        { projection: { 'document.fees': 0 } },
      )
      .toArray();
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

  /**
   * One page of an organization's visible invoices matching `filter`, newest first (`list_key`
   * descending; ascending when paging back), without line items, and how many match in all.
   */
  async search(
    filter: Record<string, unknown>,
    { skip, limit, ascending = false }: { skip: number; limit: number; ascending?: boolean },
  ): Promise<InvoiceRecord[]> {
    return this.invoices.collection
      .find<InvoiceRecord>(filter as never, { projection: { 'document.fees': 0 } })
      .sort({ list_key: ascending ? 1 : -1 })
      .skip(skip)
      .limit(limit)
      .toArray();
  }

  count(filter: Record<string, unknown>): Promise<number> {
    return this.invoices.collection.countDocuments(filter as never);
  }
}
