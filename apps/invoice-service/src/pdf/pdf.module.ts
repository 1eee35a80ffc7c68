import {
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { translateLiterally } from '@portico/i18n';
import { I18nService } from 'nestjs-i18n';
import { InvoiceServiceConfig } from '../config/invoice-service.config';
import { InvoicesModule } from '../invoices/invoices.module';
import { PartiesModule } from '../parties/parties.module';
import { InvoicePdfTemplate } from './invoice-pdf-template';
import { InvoicePdfRpcHandler } from './invoice-pdf.rpc-handler';
import { InvoicePdfService } from './invoice-pdf.service';
import { PdfCacheRepository } from './pdf-cache.repository';
import { PdfPrerenderer } from './pdf-prerenderer';
import { PdfRenderer } from './pdf-renderer';

@Module({
  imports: [InvoicesModule, PartiesModule],
  controllers: [InvoicePdfRpcHandler],
  providers: [
    {
      provide: PdfRenderer,
      inject: [InvoiceServiceConfig],
      useFactory: (config: InvoiceServiceConfig) => new PdfRenderer(config.pdf),
    },
    {
      provide: InvoicePdfTemplate,
      inject: [I18nService],
      useFactory: (i18n: I18nService) =>
        new InvoicePdfTemplate((key, lang, args) =>
          translateLiterally((k, l) => i18n.t<string, string>(k, { lang: l }), key, lang, args),
        ),
    },
    PdfCacheRepository,
    InvoicePdfService,
    PdfPrerenderer,
  ],
  exports: [PdfRenderer],
})
export class PdfModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PdfModule');

  constructor(
    @Inject(PdfRenderer) private readonly renderer: PdfRenderer,
    @Inject(InvoiceServiceConfig) private readonly config: InvoiceServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: boot (and the signal handlers installed after it) must not wait for
    // Chromium. A missing Chromium must not take invoices down with it: PDFs fail, the rest serves.
    void this.renderer.warmUp().catch((error: Error) => {
      this.logger.error(`Chromium could not start (${error.message}); PDF downloads will fail`);
    });
  }

  /** After the RPCs drained (beforeApplicationShutdown): pre-renders still running finish too. */
  async onApplicationShutdown(): Promise<void> {
    await this.renderer.close(this.config.messaging.shutdownTimeoutMs);
  }
}
