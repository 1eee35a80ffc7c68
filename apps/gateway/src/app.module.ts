import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MessagingModule } from '@portico/messaging';
import { GatewayConfig } from './config/gateway.config';
import { ApiErrorFilter } from './errors/api-error.filter';
import { HealthModule } from './health/health.module';

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [MessagingModule.forRoot(config.messaging), HealthModule],
      providers: [
        { provide: GatewayConfig, useValue: config },
        { provide: APP_FILTER, useClass: ApiErrorFilter },
      ],
      exports: [GatewayConfig],
    };
  }
}
