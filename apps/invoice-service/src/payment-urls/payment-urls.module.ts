import { Module } from '@nestjs/common';
import { lagoApiClientsProvider } from '@portico/lago-api';
import { InvoiceServiceConfig } from '../config/invoice-service.config';
import { InvoicesModule } from '../invoices/invoices.module';
import { LagoPaymentUrls } from './lago-payment-urls';
import { PaymentUrlsRpcHandler } from './payment-urls.rpc-handler';
import { PaymentUrlsService } from './payment-urls.service';

/** "Pay now": where an owed invoice can be paid, and telling the operator it was asked. */
@Module({
  imports: [InvoicesModule],
  controllers: [PaymentUrlsRpcHandler],
  providers: [
    lagoApiClientsProvider(InvoiceServiceConfig, (config: InvoiceServiceConfig) => ({
      ...config.lagoApi,
      maxSockets: 8,
    })),
    LagoPaymentUrls,
    PaymentUrlsService,
  ],
})
export class PaymentUrlsModule {}
