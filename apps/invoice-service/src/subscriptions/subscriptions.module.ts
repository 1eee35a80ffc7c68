import { Module } from '@nestjs/common';
import { PartiesModule } from '../parties/parties.module';
import { SubscriptionsConsumer } from './subscriptions.consumer';
import { SubscriptionsRepository } from './subscriptions.repository';
import { SubscriptionsRpcHandler } from './subscriptions.rpc-handler';

/** Customers' subscriptions (plans) and their usage snapshots per billing period. */
@Module({
  imports: [PartiesModule],
  controllers: [SubscriptionsConsumer, SubscriptionsRpcHandler],
  providers: [SubscriptionsRepository],
})
export class SubscriptionsModule {}
