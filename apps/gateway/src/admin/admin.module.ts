import { Module } from '@nestjs/common';
import { ApiModule } from '../api/api.module';
import { LagoWebhookModule } from '../webhooks/lago/lago-webhook.module';
import { AdminTokenGuard } from './admin-token.guard';
import { LagoSettingsController } from './lago-settings.controller';
import { OrganizationsController } from './organizations.controller';
import { WebhookEndpointsController } from './webhook-endpoints.controller';

@Module({
  imports: [ApiModule, LagoWebhookModule],
  controllers: [OrganizationsController, LagoSettingsController, WebhookEndpointsController],
  providers: [AdminTokenGuard],
})
export class AdminModule {}
