import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { OutboundGuard } from '@portico/outbound';
import { InvoiceServiceConfig } from '../config/invoice-service.config';
import { PartiesModule } from '../parties/parties.module';
import { LAGO_API_GUARD } from './lago-api-guard';
import { WalletTopUpsRepository } from './wallet-top-ups.repository';
import { WalletTopUpsService } from './wallet-top-ups.service';
import { WalletsConsumer } from './wallets.consumer';
import { WalletsRepository } from './wallets.repository';
import { WalletsRpcHandler } from './wallets.rpc-handler';

/** Prepaid-credit wallets and their transactions (issue 19): stored from events, read by the portal. */
@Module({
  imports: [PartiesModule],
  controllers: [WalletsConsumer, WalletsRpcHandler],
  providers: [
    {
      provide: LAGO_API_GUARD,
      inject: [InvoiceServiceConfig],
      // An operator-given Lago URL is reached only if public, or allow-listed (a self-hosted Lago).
      useFactory: (config: InvoiceServiceConfig) =>
        new OutboundGuard({
          allowList: config.lagoApi.allowList,
          allowHttp: config.lagoApi.allowHttp,
          maxSockets: 4,
        }),
    },
    WalletsRepository,
    WalletTopUpsRepository,
    WalletTopUpsService,
  ],
})
export class WalletsModule implements OnApplicationShutdown {
  constructor(@Inject(LAGO_API_GUARD) private readonly guard: OutboundGuard) {}

  onApplicationShutdown(): void {
    this.guard.close();
  }
}
