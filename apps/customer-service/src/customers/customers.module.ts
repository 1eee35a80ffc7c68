import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OrganizationsModule } from '../organizations/organizations.module';
import { Customer, CustomerSchema } from './customer.model';
import { CustomerEvents } from './customer-events';
import { CustomersConsumer } from './customers.consumer';
import { CustomersRepository } from './customers.repository';
import { CustomersRpcHandler } from './customers.rpc-handler';
import { CustomersService } from './customers.service';
import { CustomerDirectory } from './directory/customer-directory';
import { CustomerDirectoryConsumer } from './directory/customer-directory.consumer';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: Customer.name, schema: CustomerSchema }]),
    OrganizationsModule,
  ],
  controllers: [CustomersRpcHandler, CustomersConsumer, CustomerDirectoryConsumer],
  providers: [CustomersRepository, CustomersService, CustomerEvents, CustomerDirectory],
  exports: [CustomersService, CustomersRepository, CustomerEvents],
})
export class CustomersModule {}
