import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@portico/messaging';
import { PersistenceModule } from '@portico/persistence';
import { InvoiceServiceConfig } from './config/invoice-service.config';
import { HealthModule } from './health/health.module';
import { InvoicesModule } from './invoices/invoices.module';

@Module({})
export class AppModule {
  static register(config: InvoiceServiceConfig): DynamicModule {
    return {
      module: AppModule,
      // The typed config is injected by feature modules (cache sizes, renderer settings).
      global: true,
      imports: [
        PersistenceModule.forRoot(config.database),
        MessagingModule.forRoot(config.messaging),
        HealthModule,
        InvoicesModule,
      ],
      providers: [{ provide: InvoiceServiceConfig, useValue: config }],
      exports: [InvoiceServiceConfig],
    };
  }
}
