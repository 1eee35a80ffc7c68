import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { InvoiceServiceConfig } from '../config/invoice-service.config';
import { PartiesModule } from '../parties/parties.module';
import { CustomerInvoicesCache } from './customer-invoices.cache';
import { InvoiceCacheConsumer } from './invoice-cache.consumer';
import { InvoiceChangeNotifications } from './invoice-change-notifications';
import { Invoice, InvoiceSchema } from './invoice.model';
import { InvoiceNotifications } from './invoice-notifications';
import { InvoiceWriteBatcher } from './invoice-write-batcher';
import { InvoicesConsumer } from './invoices.consumer';
import { InvoicesRepository } from './invoices.repository';
import { InvoicesRpcHandler } from './invoices.rpc-handler';
import { InvoicesService } from './invoices.service';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: Invoice.name, schema: InvoiceSchema }]),
    PartiesModule,
  ],
  controllers: [InvoiceCacheConsumer, InvoicesConsumer, InvoicesRpcHandler],
  providers: [
    {
      provide: CustomerInvoicesCache,
      inject: [InvoiceServiceConfig],
      useFactory: (config: InvoiceServiceConfig) => new CustomerInvoicesCache(config.invoiceCache),
    },
    InvoiceChangeNotifications,
    InvoicesRepository,
    InvoiceWriteBatcher,
    InvoicesService,
    InvoiceNotifications,
  ],
  exports: [InvoicesRepository, InvoiceNotifications],
})
export class InvoicesModule {}
