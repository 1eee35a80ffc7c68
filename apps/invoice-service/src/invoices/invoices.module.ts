import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Invoice, InvoiceSchema } from './invoice.schema';
import { InvoiceNotifications } from './invoice-notifications';
import { InvoiceWriteBatcher } from './invoice-write-batcher';
import { InvoicesConsumer } from './invoices.consumer';
import { InvoicesRepository } from './invoices.repository';
import { InvoicesRpcHandler } from './invoices.rpc-handler';
import { InvoicesService } from './invoices.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: Invoice.name, schema: InvoiceSchema }])],
  providers: [
    InvoicesRepository,
    InvoiceWriteBatcher,
    InvoicesConsumer,
    InvoicesService,
    InvoicesRpcHandler,
    InvoiceNotifications,
  ],
  exports: [InvoicesRepository, InvoiceNotifications],
})
export class InvoicesModule {}
