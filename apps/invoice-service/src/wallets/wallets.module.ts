import { Module } from '@nestjs/common';
import { PartiesModule } from '../parties/parties.module';
import { WalletsConsumer } from './wallets.consumer';
import { WalletsRepository } from './wallets.repository';
import { WalletsRpcHandler } from './wallets.rpc-handler';

/** Prepaid-credit wallets and their transactions (issue 19): stored from events, read by the portal. */
@Module({
  imports: [PartiesModule],
  controllers: [WalletsConsumer, WalletsRpcHandler],
  providers: [WalletsRepository],
})
export class WalletsModule {}
