import { Module } from '@nestjs/common';
import { IngestionModule } from '../ingestion/ingestion.module';
import { PortalModule } from '../portal/portal.module';
import { ApiKeyAuthenticator } from './auth/api-key-authenticator';
import { ApiKeyGuard } from './auth/api-key.guard';
import { CustomersController } from './customers/customers.controller';
import { PortalSessionSource } from './customers/portal-session-source';
import { PortalUrlsController } from './customers/portal-urls.controller';
import { EventsController } from './events/events.controller';
import { InvoiceFileUrls } from '../invoice-pdfs/invoice-file-urls';
import { InvoiceFilesController } from '../invoice-pdfs/invoice-files.controller';
import { InvoicePdfsModule } from '../invoice-pdfs/invoice-pdfs.module';
import { InvoiceDownloadsController } from './invoices/invoice-downloads.controller';
import { InvoicesController } from './invoices/invoices.controller';
import { LocalesController } from './locales/locales.controller';

@Module({
  imports: [PortalModule, IngestionModule, InvoicePdfsModule],
  controllers: [
    CustomersController,
    PortalUrlsController,
    LocalesController,
    InvoicesController,
    EventsController,
    InvoiceDownloadsController,
    InvoiceFilesController,
  ],
  providers: [ApiKeyAuthenticator, ApiKeyGuard, PortalSessionSource, InvoiceFileUrls],
})
export class ApiModule {}
