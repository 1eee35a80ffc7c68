import { Injectable } from '@nestjs/common';
import { ListCreditNotes, type CreditNoteView, type RpcResponse } from '@portico/contracts';
import { formatDate, formatMoney } from '@portico/i18n';
import { ReplicaCaches, ServiceClient, type ReplicaCache } from '@portico/messaging';
import { customerTag } from '../../caching/cache-tags';
import type { PortalSection, PortalSectionContext, PortalSectionSource } from '../portal-sections';

/** The section shows the newest few; the PDFs carry the rest of each note. */
export const CREDIT_NOTES_SHOWN = 10;

export interface CreditNoteRowView {
  id: string;
  number: string;
  invoiceNumber: string;
  invoiceHref: string;
  issuingDate: string;
  reasonKey: string;
  amount: string;
  statusKeys: string[];
  downloadHref: string;
}

export interface CreditNotesSectionView {
  rows: CreditNoteRowView[];
  /** When there are more than shown: how many of how many. */
  more: { shown: number; total: number } | null;
}

export function creditNotesSectionView(
  notes: CreditNoteView[],
  total: number,
  basePath: string,
  lang: string,
): CreditNotesSectionView {
  return {
    rows: notes.map((note) => ({
      id: note.id,
      number: note.number,
      invoiceNumber: note.invoice_number ?? note.invoice_id,
      invoiceHref: `${basePath}/invoices/${encodeURIComponent(note.invoice_id)}`,
      issuingDate: formatDate(note.issuing_date, lang),
      reasonKey: `credit_notes.reason.${note.reason}`,
      amount: formatMoney(note.total_amount_cents, note.currency, lang),
      statusKeys: [
        ...(note.credit_status ? [`credit_notes.credit_status.${note.credit_status}`] : []),
        ...(note.refund_status ? [`credit_notes.refund_status.${note.refund_status}`] : []),
      ],
      downloadHref: `${basePath}/credit-notes/${encodeURIComponent(note.id)}/pdf`,
    })),
    more: total > notes.length ? { shown: notes.length, total } : null,
  };
}

/** "Credit notes", below the invoices; left out for a customer who has none. */
@Injectable()
export class CreditNotesSectionSource implements PortalSectionSource {
  readonly name = 'credit-notes';
  /**
   * Every portal page shows this section (or learns there is none): each gateway keeps the
   * answer per customer until the invoice-service announces a change to that customer's
   * invoices or credit notes (portico.invoices.changed).
   */
  private readonly lists: ReplicaCache<RpcResponse<typeof ListCreditNotes>>;

  constructor(
    private readonly rpc: ServiceClient,
    caches: ReplicaCaches,
  ) {
    this.lists = caches.create({
      ttlMs: 60_000,
      max: 100_000,
      tagsOf: (_list, key) => [key],
    });
  }

  async load({ session, locale, basePath }: PortalSectionContext): Promise<PortalSection | null> {
    const organizationId = session.organization.id;
    const customerId = session.customer.external_id;
    const { credit_notes: notes, total_count: total } = await this.lists.getOrLoad(
      customerTag(organizationId, customerId),
      () =>
        this.rpc.call(ListCreditNotes, {
          organization_id: organizationId,
          external_customer_id: customerId,
          limit: CREDIT_NOTES_SHOWN,
        }),
    );
    if (notes.length === 0) return null;
    return {
      partial: 'credit-notes',
      placement: 'after-invoices',
      order: 10,
      view: { ...creditNotesSectionView(notes, total, basePath, locale), lang: locale },
    };
  }
}
