import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@portico/messaging';
import { PersistenceModule } from '@portico/persistence';
import { CustomerServiceConfig } from './config/customer-service.config';
import { CustomersModule } from './customers/customers.module';
import { ActivityModule } from './activity/activity.module';
import { HealthModule } from './health/health.module';
import { OperatorsModule } from './operators/operators.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { PortalSessionsModule } from './portal-sessions/portal-sessions.module';
import { PortalDetailsModule } from './portal-details/portal-details.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static register(config: CustomerServiceConfig): DynamicModule {
    return {
      module: AppModule,
      // Global so every feature module can inject the config without importing the root.
      global: true,
      imports: [
        PersistenceModule.forRoot(config.database),
        MessagingModule.forRoot(config.messaging),
        HealthModule,
        OrganizationsModule,
        CustomersModule,
        PortalSessionsModule,
        OperatorsModule,
        ActivityModule,
        WebhooksModule,
        PortalDetailsModule,
      ],
      providers: [{ provide: CustomerServiceConfig, useValue: config }],
      exports: [CustomerServiceConfig],
    };
  }
}
