import { Injectable } from '@nestjs/common';
import { ListCreditNotes, type CreditNoteView } from '@portico/contracts';
import { formatDate, formatMoney } from '@portico/i18n';
import { ServiceClient } from '@portico/messaging';
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

  constructor(private readonly rpc: ServiceClient) {}

  async load({ session, locale, basePath }: PortalSectionContext): Promise<PortalSection | null> {
    const { credit_notes: notes, total_count: total } = await this.rpc.call(ListCreditNotes, {
      organization_id: session.organization.id,
      external_customer_id: session.customer.external_id,
      limit: CREDIT_NOTES_SHOWN,
    });
    if (notes.length === 0) return null;
    return {
      partial: 'credit-notes',
      placement: 'after-invoices',
      order: 10,
      view: { ...creditNotesSectionView(notes, total, basePath, locale), lang: locale },
    };
  }
}
