import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ApiKey, ApiKeySchema } from './api-key.schema';
import { Organization, OrganizationSchema } from './organization.schema';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsRpcHandler } from './organizations.rpc-handler';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Organization.name, schema: OrganizationSchema },
      { name: ApiKey.name, schema: ApiKeySchema },
    ]),
  ],
  providers: [OrganizationsRepository, OrganizationsService, OrganizationsRpcHandler],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
