import { Controller } from '@nestjs/common';
import {
  CustomerUsageUpdated,
  PorticoSubscriptionsChanged,
  SubscriptionCreated,
  SubscriptionTerminated,
  SubscriptionUpdated,
  type EventData,
  type EventEnvelope,
  type UpstreamSubscription,
} from '@portico/contracts';
import { EventPublisher, HandleEvent } from '@portico/messaging';
import { announceCustomerListChanged } from '../parties/customer-list-changes';
import { KnownOrganizations } from '../parties/known-organizations';
import { snapshotRecordOf, subscriptionRecordOf } from './subscription-record';
import { SubscriptionsRepository } from './subscriptions.repository';

/**
 * Subscriptions and usage snapshots from upstream billing systems, as the invoices are: stored
 * before the message is acked, only for an organization Portico knows, newest wins. A payload
 * that breaks its contract never gets here: the consumer dead-letters it with the reason.
 */
@Controller()
export class SubscriptionsConsumer {
  constructor(
    private readonly repository: SubscriptionsRepository,
    private readonly organizations: KnownOrganizations,
    private readonly publisher: EventPublisher,
  ) {}

  @HandleEvent(SubscriptionCreated)
  created(event: EventEnvelope<EventData<typeof SubscriptionCreated>>): Promise<void> {
    return this.save(event, false);
  }

  @HandleEvent(SubscriptionUpdated)
  updated(event: EventEnvelope<EventData<typeof SubscriptionUpdated>>): Promise<void> {
    return this.save(event, false);
  }

  @HandleEvent(SubscriptionTerminated)
  terminated(event: EventEnvelope<EventData<typeof SubscriptionTerminated>>): Promise<void> {
    return this.save(event, true);
  }

  @HandleEvent(CustomerUsageUpdated)
  async usageUpdated(event: EventEnvelope<EventData<typeof CustomerUsageUpdated>>): Promise<void> {
    await this.organizations.require(event.organization_id);
    await this.repository.saveSnapshot(snapshotRecordOf(event.organization_id, event.data));
  }

  private async save(
    event: EventEnvelope<UpstreamSubscription>,
    terminated: boolean,
  ): Promise<void> {
    await this.organizations.require(event.organization_id);
    await this.repository.saveSubscription(
      subscriptionRecordOf(event.organization_id, event.data, terminated),
    );
    // Announced even when nothing changed: a redelivery after a lost announcement repairs it.
    await announceCustomerListChanged(
      this.publisher,
      PorticoSubscriptionsChanged,
      event.organization_id,
      event.data.external_customer_id,
    );
  }
}
