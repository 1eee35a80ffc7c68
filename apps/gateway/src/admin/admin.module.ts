import { Module } from '@nestjs/common';
import { AdminTokenGuard } from './admin-token.guard';
import { LagoSettingsController } from './lago-settings.controller';
import { OperatorsController } from './operators.controller';
import { OrganizationsController } from './organizations.controller';
import { PortalSettingsController } from './portal-settings.controller';
import { WebhookEndpointsController } from './webhook-endpoints.controller';

@Module({
  controllers: [
    OrganizationsController,
    LagoSettingsController,
    OperatorsController,
    WebhookEndpointsController,
    PortalSettingsController,
  ],
  providers: [AdminTokenGuard],
})
export class AdminModule {}
