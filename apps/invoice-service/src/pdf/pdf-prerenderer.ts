import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DomainError, ErrorCode } from '@portico/contracts';
import { InvoiceServiceConfig } from '../config/invoice-service.config';
import { InvoiceCreatedListeners } from '../invoices/invoice-created-listeners';
import { InvoicePdfService } from './invoice-pdf.service';

/**
 * With PDF_PRERENDER on, each new invoice's PDF is rendered as soon as the invoice is stored, so
 * even the first download is a cache hit. Best effort: a busy renderer skips it (the download
 * renders it later), and it never delays the event's ack.
 */
@Injectable()
export class PdfPrerenderer implements OnModuleInit {
  private readonly logger = new Logger(PdfPrerenderer.name);

  constructor(
    @Inject(InvoiceServiceConfig) private readonly config: InvoiceServiceConfig,
    private readonly notifications: InvoiceCreatedListeners,
    private readonly pdfs: InvoicePdfService,
  ) {}

  onModuleInit(): void {
    if (!this.config.pdf.prerender) return;
    this.notifications.onCreated((organizationId, invoiceId) => {
      this.pdfs.pdf(organizationId, invoiceId).catch((error: unknown) => {
        const expected =
          error instanceof DomainError &&
          [ErrorCode.InvoiceNotFound, ErrorCode.PdfRendererBusy].includes(error.code);
        if (!expected) this.logger.warn(`pre-rendering ${invoiceId}: ${(error as Error).message}`);
      });
    });
  }
}
