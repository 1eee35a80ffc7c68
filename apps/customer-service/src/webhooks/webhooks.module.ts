import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { lagoApiClientsProvider } from '@portico/lago-api';
import { OutboundGuard } from '@portico/outbound';
import { CustomerServiceConfig } from '../config/customer-service.config';
import { OrganizationsModule } from '../organizations/organizations.module';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import {
  WebhookAttempt,
  WebhookAttemptSchema,
  WebhookDelivery,
  WebhookDeliverySchema,
} from './webhook-delivery.model';
import { WebhookDeliveryQueue } from './webhook-delivery.queue';
import { WebhookDispatcher } from './webhook-dispatcher';
import { LagoWriteBack } from './lago-write-back';
import { WebhookEndpoint, WebhookEndpointSchema } from './webhook-endpoint.model';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhooksConsumer } from './webhooks.consumer';
import { WebhooksRpcHandler } from './webhooks.rpc-handler';

/** Outbound webhooks: endpoints, the delivery queue and its log (docs/webhooks.md). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: WebhookEndpoint.name, schema: WebhookEndpointSchema },
      { name: WebhookDelivery.name, schema: WebhookDeliverySchema },
      { name: WebhookAttempt.name, schema: WebhookAttemptSchema },
    ]),
    OrganizationsModule,
  ],
  providers: [
    {
      provide: OutboundGuard,
      inject: [CustomerServiceConfig],
      useFactory: (config: CustomerServiceConfig) =>
        new OutboundGuard({
          allowList: config.webhooks.allowList,
          allowHttp: config.webhooks.allowHttp,
          maxSockets: config.webhooks.concurrency,
        }),
    },
    // The write-back reaches the organization's Lago as an endpoint is reached: same limits.
    lagoApiClientsProvider(CustomerServiceConfig, (config: CustomerServiceConfig) => ({
      ...config.webhooks,
      maxSockets: config.webhooks.concurrency,
    })),
    WebhookEndpointsRepository,
    WebhookDeliveriesRepository,
    WebhookEndpointsService,
    WebhookDeliveriesService,
    WebhookDeliveryQueue,
    WebhookDispatcher,
    LagoWriteBack,
  ],
  controllers: [WebhooksConsumer, WebhooksRpcHandler],
})
export class WebhooksModule implements OnApplicationShutdown {
  constructor(@Inject(OutboundGuard) private readonly guard: OutboundGuard) {}

  onApplicationShutdown(): void {
    this.guard.close();
  }
}
