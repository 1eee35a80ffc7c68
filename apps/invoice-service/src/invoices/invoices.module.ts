import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { InvoiceServiceConfig } from '../config/invoice-service.config';
import { PartiesModule } from '../parties/parties.module';
import { BigCustomerWarmUp } from './big-customer-warm-up';
import { CustomerInvoicesCache } from './customer-invoices.cache';
import { InvoiceCacheConsumer } from './invoice-cache.consumer';
import { CustomerInvoicesCacheSync } from './customer-invoices-cache-sync';
import { INVOICE_MODEL, InvoiceSchema } from './invoice.model';
import { InvoiceWriteBatcher } from './invoice-write-batcher';
import { InvoicesConsumer } from './invoices.consumer';
import { InvoicesRepository } from './invoices.repository';
import { InvoicesRpcHandler } from './invoices.rpc-handler';
import { InvoicesService } from './invoices.service';
import { InvoicesStoredHook } from './invoices-stored.hook';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: INVOICE_MODEL, schema: InvoiceSchema }]),
    PartiesModule,
  ],
  controllers: [InvoiceCacheConsumer, InvoicesConsumer, InvoicesRpcHandler],
  providers: [
    BigCustomerWarmUp,
    {
      provide: CustomerInvoicesCache,
      inject: [InvoiceServiceConfig],
      useFactory: (config: InvoiceServiceConfig) => new CustomerInvoicesCache(config.invoiceCache),
    },
    CustomerInvoicesCacheSync,
    InvoicesRepository,
    InvoiceWriteBatcher,
    InvoicesService,
    InvoicesStoredHook,
  ],
  exports: [InvoicesRepository, InvoicesStoredHook],
})
export class InvoicesModule {}
