import { Module } from '@nestjs/common';
import { ApiModule } from '../api/api.module';
import { PortalModule } from '../portal/portal.module';
import { PortalSessionsModule } from '../portal-sessions/portal-sessions.module';
import { CreditNotePdfController } from './credit-note-pdf.controller';
import { InvoiceDownloadsController } from './invoice-downloads.controller';
import { InvoiceFileUrls } from './invoice-file-urls';
import { InvoiceFilesController } from './invoice-files.controller';
import { InvoicePdfController } from './invoice-pdf.controller';
import { InvoicePdfDownloads } from './invoice-pdf-downloads';

/**
 * Every PDF route: the portal's invoice and credit-note PDFs (portal session), the API's
 * `POST /api/v1/invoices/:lago_id/download` (API key) and the signed `invoice-files/` link it
 * hands out. One PDF cache per gateway process, shared by the portal's and the operator's
 * downloads. The portal's guard and error page come from PortalSessionsModule and PortalModule,
 * the API key guard from ApiModule.
 */
@Module({
  imports: [PortalSessionsModule, PortalModule, ApiModule],
  controllers: [
    InvoicePdfController,
    CreditNotePdfController,
    InvoiceDownloadsController,
    InvoiceFilesController,
  ],
  providers: [InvoicePdfDownloads, InvoiceFileUrls],
})
export class PdfsModule {}
