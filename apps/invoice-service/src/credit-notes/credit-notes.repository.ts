import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { UpstreamCreditNote } from '@portico/contracts';
import type { Model } from 'mongoose';
import { createHash } from 'node:crypto';
import { CreditNote } from './credit-note.model';

/** A credit note as stored (plain object; `note` is the upstream note as last accepted). */
export interface CreditNoteRecord {
  _id: string;
  organization_id: string;
  upstream_id: string;
  external_customer_id: string;
  list_key: string;
  version: Date;
  note: UpstreamCreditNote;
}

const DUPLICATE_KEY = 11000;

/** Stable id from (organization, upstream id): retries and racing instances address one note. */
export function creditNoteDocumentId(organizationId: string, upstreamId: string): string {
  const digest = createHash('sha256')
    .update(`${organizationId}\u0000${upstreamId}`)
    .digest('base64url');
  return `cn_${digest.slice(0, 27)}`;
}

@Injectable()
export class CreditNotesRepository {
  constructor(@InjectModel(CreditNote.name) private readonly notes: Model<CreditNote>) {}

  /**
   * Stores the note unless the stored one is as new or newer: one conditional upsert. When the
   * filter misses because a newer (or the same) version is stored, the upsert's insert collides
   * with the existing `_id`, which means "nothing to do" — a replay or an older event.
   * Returns whether the note was written.
   */
  async upsertNewer(organizationId: string, note: UpstreamCreditNote): Promise<boolean> {
    const version = new Date(note.updated_at);
    const _id = creditNoteDocumentId(organizationId, note.id);
    try {
      const result = await this.notes.collection.updateOne(
        { _id, version: { $lt: version } } as never,
        {
          $set: {
            organization_id: organizationId,
            upstream_id: note.id,
            external_customer_id: note.external_customer_id,
            list_key: `${note.issuing_date}|${note.id}`,
            version,
            note,
          },
        },
        { upsert: true },
      );
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async listFor(
    organizationId: string,
    externalCustomerId: string,
    limit: number,
  ): Promise<{ records: CreditNoteRecord[]; total: number }> {
    const filter = { organization_id: organizationId, external_customer_id: externalCustomerId };
    const [records, total] = await Promise.all([
      this.notes.collection
        .find<CreditNoteRecord>(filter)
        .sort({ list_key: -1 })
        .limit(limit)
        .toArray(),
      this.notes.collection.countDocuments(filter),
    ]);
    return { records, total };
  }

  /** One of a customer's notes; another customer's, or another organization's, is null. */
  async findFor(
    organizationId: string,
    upstreamId: string,
    externalCustomerId: string,
  ): Promise<CreditNoteRecord | null> {
    const record = await this.notes.collection.findOne<CreditNoteRecord>({
      _id: creditNoteDocumentId(organizationId, upstreamId),
    } as never);
    const matches =
      record !== null &&
      record.organization_id === organizationId &&
      record.upstream_id === upstreamId &&
      record.external_customer_id === externalCustomerId;
    return matches ? record : null;
  }
}
