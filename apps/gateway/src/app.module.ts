import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MessagingModule } from '@portico/messaging';
import { AdminModule } from './admin/admin.module';
import { CachingModule } from './caching/caching.module';
import { ApiModule } from './api/api.module';
import { EmbedController } from './embed/embed.controller';
import { GatewayConfig } from './config/gateway.config';
import { ApiErrorFilter } from './http/errors/api-error.filter';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { PdfsModule } from './pdfs/pdfs.module';
import { PortalModule } from './portal/portal.module';
import { RateLimiter } from './http/rate-limits/rate-limiter';
import { LagoWebhookModule } from './webhooks/lago/lago-webhook.module';

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        MessagingModule.forRoot(config.messaging),
        CachingModule,
        HealthModule,
        MetricsModule,
        ApiModule,
        AdminModule,
        PortalModule,
        PdfsModule,
        LagoWebhookModule,
      ],
      controllers: [EmbedController],
      providers: [
        { provide: GatewayConfig, useValue: config },
        { provide: APP_FILTER, useClass: ApiErrorFilter },
        RateLimiter,
      ],
      // Global so every feature module can inject these without importing the root.
      exports: [GatewayConfig, RateLimiter],
    };
  }
}
