import { Module } from '@nestjs/common';
import { lagoApiClientsProvider } from '@portico/lago-api';
import { GatewayConfig } from '../../config/gateway.config';
import { IngestionModule } from '../../ingestion/ingestion.module';
import { CustomerSubscriptions, SubscriptionsChangedConsumer } from './customer-subscriptions';
import { LagoApiAccessSource } from './lago-api-access';
import { LagoCurrentUsage } from './lago-current-usage';
import { LiveUsage } from './live-usage';
import { PlansSectionSource } from './plans-section.source';

/**
 * Plans and usage in the portal: the first page's Plans section and the usage page (both placed
 * by PortalModule, which owns the portal's frame and views; the guard is PortalSessionsModule's).
 */
@Module({
  imports: [IngestionModule],
  controllers: [SubscriptionsChangedConsumer],
  providers: [
    lagoApiClientsProvider(GatewayConfig, (config: GatewayConfig) => config.lagoUsage),
    CustomerSubscriptions,
    LagoApiAccessSource,
    LagoCurrentUsage,
    LiveUsage,
    PlansSectionSource,
  ],
  exports: [CustomerSubscriptions, LiveUsage, PlansSectionSource],
})
export class PlansModule {}
