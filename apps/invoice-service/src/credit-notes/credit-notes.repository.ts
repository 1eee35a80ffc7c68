import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { UpstreamCreditNote } from '@portico/contracts';
import { tenantCollectionOf, type TenantCollection } from '@portico/persistence';
import type { Model } from 'mongoose';
import { createHash } from 'node:crypto';
import { CREDIT_NOTE_MODEL, type CreditNoteRecord } from './credit-note.model';

/** Stable id from (organization, upstream id): retries and racing instances address one note. */
export function creditNoteDocumentId(organizationId: string, upstreamId: string): string {
  const digest = createHash('sha256')
    .update(`${organizationId}\u0000${upstreamId}`)
    .digest('base64url');
  return `cn_${digest.slice(0, 27)}`;
}

@Injectable()
export class CreditNotesRepository {
  private readonly records: TenantCollection<CreditNoteRecord>;

  constructor(@InjectModel(CREDIT_NOTE_MODEL) notes: Model<CreditNoteRecord>) {
    this.records = tenantCollectionOf(notes);
  }

  /** Stores the note unless the stored one is as new or newer; returns whether it was written. */
  upsertNewer(organizationId: string, note: UpstreamCreditNote): Promise<boolean> {
    const record: CreditNoteRecord = {
      _id: creditNoteDocumentId(organizationId, note.id),
      organization_id: organizationId,
      upstream_id: note.id,
      external_customer_id: note.external_customer_id,
      list_key: `${note.issuing_date}|${note.id}`,
      version: new Date(note.updated_at),
      note,
    };
    return this.records.saveIfNewer(record._id, {
      decide: (stored) => (stored && stored.version >= record.version ? undefined : record),
      versionOf: ({ version }) => ({ version }),
    });
  }

  async listFor(
    organizationId: string,
    externalCustomerId: string,
    limit: number,
  ): Promise<{ records: CreditNoteRecord[]; total: number }> {
    const filter = { organization_id: organizationId, external_customer_id: externalCustomerId };
    const { items, total } = await this.records.page(filter, { sort: { list_key: -1 }, limit });
    return { records: items, total };
  }

  /** One of a customer's notes; another customer's, or another organization's, is null. */
  findFor(
    organizationId: string,
    upstreamId: string,
    externalCustomerId: string,
  ): Promise<CreditNoteRecord | null> {
    return this.records.findByIdMatching(creditNoteDocumentId(organizationId, upstreamId), {
      organization_id: organizationId,
      upstream_id: upstreamId,
      external_customer_id: externalCustomerId,
    });
  }
}
