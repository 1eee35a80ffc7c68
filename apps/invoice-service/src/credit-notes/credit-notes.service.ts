import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  resolveLocale,
  type CreditNoteView,
  type ListCreditNotes,
  type RenderCreditNotePdf,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { createHash } from 'node:crypto';
import { InvoiceServiceConfig } from '../config/invoice-service.config';
import { PartiesRepository } from '../parties/parties.repository';
import type { InvoicePdfTemplate } from '../pdf/invoice-pdf-template';
import { PdfRenderer } from '../pdf/pdf-renderer';
import { RecentPdfs } from '../pdf/recent-pdfs';
import { creditNotePdfView, type CreditNotePdfView } from './credit-note-pdf-view';
import { CREDIT_NOTE_PDF_TEMPLATE } from './credit-note-pdf-template';
import type { CreditNoteRecord } from './credit-note.model';
import { CreditNotesRepository } from './credit-notes.repository';

@Injectable()
export class CreditNotesService {
  /** Credit notes are few and rarely downloaded: rendered PDFs are kept in memory only. */
  private readonly recent: RecentPdfs;
  private readonly rendering = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly notes: CreditNotesRepository,
    private readonly parties: PartiesRepository,
    @Inject(PdfRenderer) private readonly renderer: PdfRenderer,
    @Inject(CREDIT_NOTE_PDF_TEMPLATE)
    private readonly template: InvoicePdfTemplate<CreditNotePdfView>,
    @Inject(InvoiceServiceConfig) config: InvoiceServiceConfig,
  ) {
    this.recent = new RecentPdfs(Math.ceil(config.pdf.memoryCacheBytes / 4));
  }

  async list(
    request: RpcRequest<typeof ListCreditNotes>,
  ): Promise<RpcResponse<typeof ListCreditNotes>> {
    const { records, total } = await this.notes.listFor(
      request.organization_id,
      request.external_customer_id,
      request.limit,
    );
    return { credit_notes: records.map(toCreditNoteView), total_count: total };
  }

  async pdf(
    request: RpcRequest<typeof RenderCreditNotePdf>,
  ): Promise<RpcResponse<typeof RenderCreditNotePdf>> {
    const { organization_id: organizationId, external_customer_id: customerId } = request;
    const [record, customer, organization] = await Promise.all([
      this.notes.findFor(organizationId, request.credit_note_id, customerId),
      this.parties.findCustomer(organizationId, customerId),
      this.parties.findOrganization(organizationId),
    ]);
    if (!record)
      throw new DomainError(
        ErrorCode.CreditNoteNotFound,
        `credit note "${request.credit_note_id}" not found`,
      );
    const locale = resolveLocale(customer?.document_locale, organization?.default_document_locale);
    // Everything the PDF is made from: a change to any of it means a new PDF, never a stale one.
    const key = createHash('sha256')
      .update(
        [
          record._id,
          new Date(record.version).toISOString(),
          locale,
          this.template.version,
          customer ? new Date(customer.updated_at).toISOString() : '-',
          organization ? new Date(organization.updated_at).toISOString() : '-',
        ].join('\u0000'),
      )
      .digest('base64url');
    let pdf = this.recent.get(key);
    const cached = pdf !== undefined;
    if (!pdf) {
      let rendering = this.rendering.get(key);
      if (!rendering) {
        const view = creditNotePdfView(record, locale, customer, organization);
        rendering = this.renderer
          .render(this.template.document(view))
          .finally(() => this.rendering.delete(key));
        this.rendering.set(key, rendering);
      }
      pdf = await rendering;
      this.recent.set(key, pdf);
    }
    return { number: record.note.number, locale, cached, pdf_base64: pdf.toString('base64') };
  }
}

function toCreditNoteView(record: CreditNoteRecord): CreditNoteView {
  const note = record.note;
  return {
    ...note,
    invoice_number: note.invoice_number ?? null,
    credit_status: note.credit_status ?? null,
    refund_status: note.refund_status ?? null,
    description: note.description ?? null,
  };
}
