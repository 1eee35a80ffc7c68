import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PortalSessionsRpcHandler } from './portal-sessions.rpc-handler';
import { PortalSessionsService } from './portal-sessions.service';

@Module({
  imports: [CustomersModule, OrganizationsModule],
  controllers: [PortalSessionsRpcHandler],
  providers: [PortalSessionsService],
})
export class PortalSessionsModule {}
