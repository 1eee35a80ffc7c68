import { Injectable } from '@nestjs/common';
import {
  CustomerUpdatedFromPortal,
  InvoicePaymentRequested,
  WalletTopUpRequested,
  WebhookEndpointDisabled,
  type EventEnvelope,
} from '@portico/contracts';
import { HandleEvent } from '@portico/messaging';
import { WebhookDeliveriesService } from './webhook-deliveries.service';

/**
 * Outbound events, from whichever service noticed them, on `billing.events`. Handling one only
 * records and queues its deliveries; sending happens on the delivery queue, so a slow receiver
 * never holds up this queue.
 */
@Injectable()
export class WebhooksConsumer {
  constructor(private readonly deliveries: WebhookDeliveriesService) {}

  @HandleEvent(CustomerUpdatedFromPortal)
  customerUpdatedFromPortal(event: EventEnvelope): Promise<void> {
    return this.deliveries.fanOut(event);
  }

  @HandleEvent(InvoicePaymentRequested)
  invoicePaymentRequested(event: EventEnvelope): Promise<void> {
    return this.deliveries.fanOut(event);
  }

  @HandleEvent(WalletTopUpRequested)
  walletTopUpRequested(event: EventEnvelope): Promise<void> {
    return this.deliveries.fanOut(event);
  }

  @HandleEvent(WebhookEndpointDisabled)
  webhookEndpointDisabled(event: EventEnvelope): Promise<void> {
    return this.deliveries.fanOut(event);
  }
}
