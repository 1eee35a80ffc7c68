import { Controller } from '@nestjs/common';
import {
  PorticoSubscriptionsChanged,
  type EventData,
  type EventEnvelope,
} from '@portico/contracts';
import { HandleEvent, ReplicaCaches } from '@portico/messaging';
import { subscriptionsTag } from './customer-subscriptions';

/** Every gateway instance hears each announcement (a per-instance queue) and forgets the lists. */
@Controller()
export class SubscriptionsChangedConsumer {
  constructor(private readonly caches: ReplicaCaches) {}

  @HandleEvent(PorticoSubscriptionsChanged, { scope: 'instance' })
  async changed(
    event: EventEnvelope<EventData<typeof PorticoSubscriptionsChanged>>,
  ): Promise<void> {
    for (const customer of event.data.external_customer_ids)
      this.caches.invalidate(subscriptionsTag(event.organization_id, customer));
  }
}
