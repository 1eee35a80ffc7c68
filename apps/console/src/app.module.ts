import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { porticoI18nOptions } from '@portico/i18n';
import { MessagingModule } from '@portico/messaging';
import { I18nModule } from 'nestjs-i18n';
import { ActivityController } from './activity/activity.controller';
import { ActivityRecorder } from './activity/activity-recorder';
import { ConsoleSessionGuard } from './auth/console-session.guard';
import { CachingModule } from './caching/caching.module';
import { ConsoleConfig } from './config/console.config';
import { CustomersController } from './customers/customers.controller';
import { ConsoleErrorFilter } from './errors/console-error.filter';
import { HealthController } from './health/health.controller';
import { LoginController } from './login/login.controller';
import { ConsoleAssets } from './rendering/console-assets';
import { ConsoleAssetsController } from './rendering/console-assets.controller';
import { ConsolePages } from './rendering/console-pages';
import { ConsoleViews } from './rendering/console-views';
import { SettingsController } from './settings/settings.controller';

@Module({})
export class AppModule {
  static register(config: ConsoleConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MessagingModule.forRoot(config.messaging),
        I18nModule.forRoot(porticoI18nOptions()),
        CachingModule,
      ],
      controllers: [
        HealthController,
        ConsoleAssetsController,
        LoginController,
        CustomersController,
        SettingsController,
        ActivityController,
      ],
      providers: [
        { provide: ConsoleConfig, useValue: config },
        { provide: ConsoleAssets, useFactory: () => new ConsoleAssets() },
        ConsoleViews,
        ConsolePages,
        ConsoleSessionGuard,
        ActivityRecorder,
        // Unknown routes and anything thrown outside a controller still get a console page.
        { provide: APP_FILTER, useClass: ConsoleErrorFilter },
      ],
    };
  }
}
