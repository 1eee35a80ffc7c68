import { Module } from '@nestjs/common';
import { IngestionModule } from '../ingestion/ingestion.module';
import { ApiKeyAuthenticator } from './auth/api-key-authenticator';
import { ApiKeyGuard } from './auth/api-key.guard';
import { CustomersController } from './customers/customers.controller';
import { PortalSessionsModule } from '../portal-sessions/portal-sessions.module';
import { PortalUrlsController } from './customers/portal-urls.controller';
import { EventsController } from './events/events.controller';
import { InvoiceFileUrls } from '../invoice-pdfs/invoice-file-urls';
import { InvoiceFilesController } from '../invoice-pdfs/invoice-files.controller';
import { InvoicePdfsModule } from '../invoice-pdfs/invoice-pdfs.module';
import { InvoiceDownloadsController } from './invoices/invoice-downloads.controller';
import { InvoicesController } from './invoices/invoices.controller';
import { LocalesController } from './locales/locales.controller';

@Module({
  imports: [PortalSessionsModule, IngestionModule, InvoicePdfsModule],
  controllers: [
    CustomersController,
    PortalUrlsController,
    LocalesController,
    InvoicesController,
    EventsController,
    InvoiceDownloadsController,
    InvoiceFilesController,
  ],
  providers: [ApiKeyAuthenticator, ApiKeyGuard, InvoiceFileUrls],
})
export class ApiModule {}
