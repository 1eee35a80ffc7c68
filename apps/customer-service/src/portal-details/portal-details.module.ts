import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PortalDetailsRpcHandler } from './portal-details.rpc-handler';
import { PortalDetailsService } from './portal-details.service';

/** The portal's "Your details": customers' own corrections (issue 18). */
@Module({
  imports: [OrganizationsModule, CustomersModule],
  controllers: [PortalDetailsRpcHandler],
  providers: [PortalDetailsService],
})
export class PortalDetailsModule {}
