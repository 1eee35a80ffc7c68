import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { OutboundGuard } from '@portico/outbound';
import { InvoiceServiceConfig } from '../config/invoice-service.config';
import { InvoicesModule } from '../invoices/invoices.module';
import { LAGO_API_GUARD } from './lago-api-guard';
import { LagoPaymentUrls } from './lago-payment-urls';
import { PaymentUrlsRpcHandler } from './payment-urls.rpc-handler';
import { PaymentUrlsService } from './payment-urls.service';

/** "Pay now": where an owed invoice can be paid, and telling the operator it was asked. */
@Module({
  imports: [InvoicesModule],
  controllers: [PaymentUrlsRpcHandler],
  providers: [
    {
      provide: LAGO_API_GUARD,
      inject: [InvoiceServiceConfig],
      // The operator chose its Lago's URL (a self-hosted one may be plain http on its network);
      // an internal address is still refused unless OUTBOUND_ALLOWED_HOSTS names it.
      useFactory: (config: InvoiceServiceConfig) =>
        new OutboundGuard({
          allowList: config.lagoApi.allowList,
          allowHttp: config.lagoApi.allowHttp,
          maxSockets: 8,
        }),
    },
    LagoPaymentUrls,
    PaymentUrlsService,
  ],
})
export class PaymentUrlsModule implements OnApplicationShutdown {
  constructor(@Inject(LAGO_API_GUARD) private readonly guard: OutboundGuard) {}

  onApplicationShutdown(): void {
    this.guard.close();
  }
}
