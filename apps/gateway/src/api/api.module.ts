import { Module } from '@nestjs/common';
import { IngestionModule } from '../ingestion/ingestion.module';
import { ApiKeyAuthenticator } from './auth/api-key-authenticator';
import { ApiKeyGuard } from './auth/api-key.guard';
import { CustomersController } from './customers/customers.controller';
import { PortalSessionsModule } from '../portal-sessions/portal-sessions.module';
import { PortalUrlsController } from './customers/portal-urls.controller';
import { EventsController } from './events/events.controller';
import { InvoicesController } from './invoices/invoices.controller';
import { LocalesController } from './locales/locales.controller';

@Module({
  imports: [PortalSessionsModule, IngestionModule],
  controllers: [
    CustomersController,
    PortalUrlsController,
    LocalesController,
    InvoicesController,
    EventsController,
  ],
  providers: [ApiKeyAuthenticator, ApiKeyGuard],
  // for the API key guard of routes in other rooms (pdfs/)
  exports: [ApiKeyAuthenticator],
})
export class ApiModule {}
