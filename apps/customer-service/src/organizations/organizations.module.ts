import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ApiKey, ApiKeySchema } from './api-key.model';
import { LagoSettingsRepository } from './lago-settings.repository';
import { LagoSettingsRpcHandler } from './lago-settings.rpc-handler';
import { LagoSettings, LagoSettingsSchema } from './lago-settings.model';
import { LagoSettingsService } from './lago-settings.service';
import { Organization, OrganizationSchema } from './organization.model';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsRpcHandler } from './organizations.rpc-handler';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Organization.name, schema: OrganizationSchema },
      { name: ApiKey.name, schema: ApiKeySchema },
      { name: LagoSettings.name, schema: LagoSettingsSchema },
    ]),
  ],
  controllers: [OrganizationsRpcHandler, LagoSettingsRpcHandler],
  providers: [
    OrganizationsRepository,
    OrganizationsService,
    LagoSettingsRepository,
    LagoSettingsService,
  ],
  exports: [OrganizationsService, LagoSettingsService],
})
export class OrganizationsModule {}
