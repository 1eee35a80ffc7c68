import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DomainError, ErrorCode } from '@portico/contracts';
import { InvoiceServiceConfig } from '../config/invoice-service.config';
import { invoiceDocumentId } from '../invoices/invoice-record';
import { InvoicesStoredHook, type StoredInvoices } from '../invoices/invoices-stored.hook';
import { InvoicePdfService } from './invoice-pdf.service';

/**
 * With PDF_PRERENDER on, an invoice's PDF is rendered as soon as a new or changed document of it
 * is stored, so even the first download is a cache hit. Best effort: a busy renderer skips it
 * (the download renders it later), and it never delays the event's ack.
 */
@Injectable()
export class PdfPrerenderer implements OnModuleInit {
  private readonly logger = new Logger(PdfPrerenderer.name);

  constructor(
    @Inject(InvoiceServiceConfig) private readonly config: InvoiceServiceConfig,
    private readonly hook: InvoicesStoredHook,
    private readonly pdfs: InvoicePdfService,
  ) {}

  onModuleInit(): void {
    if (!this.config.pdf.prerender) return;
    this.hook.register((stored) => {
      for (const { organization_id, upstream_id } of documentsStored(stored))
        this.pdfs.pdf(organization_id, upstream_id).catch((error: unknown) => {
          const expected =
            error instanceof DomainError &&
            [ErrorCode.InvoiceNotFound, ErrorCode.PdfRendererBusy].includes(error.code);
          if (!expected)
            this.logger.warn(`pre-rendering ${upstream_id}: ${(error as Error).message}`);
        });
    });
  }
}

/** The visible invoices whose document this batch wrote (a payment update alone does not count). */
function documentsStored({ changes, records }: StoredInvoices) {
  const written = new Map(records.map((record) => [record._id, record]));
  const documents = new Set(
    changes
      .filter((change) => change.kind === 'document')
      .map((change) => invoiceDocumentId(change.organizationId, change.upstreamId)),
  );
  return [...documents].flatMap((id) => {
    const record = written.get(id);
    return record?.visible ? [record] : [];
  });
}
