import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@portico/messaging';
import { PersistenceModule } from '@portico/persistence';
import { CustomerServiceConfig } from './config/customer-service.config';
import { HealthModule } from './health/health.module';

@Module({})
export class AppModule {
  static register(config: CustomerServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot(config.database),
        MessagingModule.forRoot(config.messaging),
        HealthModule,
      ],
      providers: [{ provide: CustomerServiceConfig, useValue: config }],
      exports: [CustomerServiceConfig],
    };
  }
}
