import { Module } from '@nestjs/common';
import { lagoApiClientsProvider } from '@portico/lago-api';
import { InvoiceServiceConfig } from '../config/invoice-service.config';
import { PartiesModule } from '../parties/parties.module';
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
    lagoApiClientsProvider(InvoiceServiceConfig, (config: InvoiceServiceConfig) => ({
      ...config.lagoApi,
      maxSockets: 4,
    })),
    WalletsRepository,
    WalletTopUpsRepository,
    WalletTopUpsService,
  ],
})
export class WalletsModule {}
