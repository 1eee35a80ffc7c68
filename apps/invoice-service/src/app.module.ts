import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@portico/messaging';
import { porticoI18nOptions } from '@portico/i18n';
import { PersistenceModule } from '@portico/persistence';
import { I18nModule } from 'nestjs-i18n';
import { InvoiceServiceConfig } from './config/invoice-service.config';
import { HealthModule } from './health/health.module';
import { InvoicesModule } from './invoices/invoices.module';
import { PartiesModule } from './parties/parties.module';
import { PdfModule } from './pdf/pdf.module';
import { WalletsModule } from './wallets/wallets.module';
import { PaymentUrlsModule } from './payment-urls/payment-urls.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';
import { CreditNotesModule } from './credit-notes/credit-notes.module';

@Module({})
export class AppModule {
  static register(config: InvoiceServiceConfig): DynamicModule {
    return {
      module: AppModule,
      // Global so every feature module can inject the config without importing the root.
      global: true,
      imports: [
        PersistenceModule.forRoot(config.database),
        MessagingModule.forRoot(config.messaging),
        I18nModule.forRoot(porticoI18nOptions()),
        HealthModule,
        InvoicesModule,
        PartiesModule,
        PdfModule,
        WalletsModule,
        PaymentUrlsModule,
        SubscriptionsModule,
        CreditNotesModule,
      ],
      providers: [{ provide: InvoiceServiceConfig, useValue: config }],
      exports: [InvoiceServiceConfig],
    };
  }
}
