import { Controller } from '@nestjs/common';
import {
  PorticoCustomerChanged,
  PorticoInvoicesChanged,
  PorticoOrganizationChanged,
  type EventData,
  type EventEnvelope,
} from '@portico/contracts';
import { HandleEvent, ReplicaCaches } from '@portico/messaging';
import { customerTag, organizationTag } from './cache-tags';

/**
 * Every gateway instance hears each change (a per-instance queue) and drops what its caches hold
 * of it: API keys, Lago webhook keys, portal sessions and what portal URLs are minted from, and
 * the portal's copies of a customer's invoice pages and credit notes.
 */
@Controller()
export class ReplicaCachesConsumer {
  constructor(private readonly caches: ReplicaCaches) {}

  @HandleEvent(PorticoOrganizationChanged, { scope: 'instance' })
  async organizationChanged(
    event: EventEnvelope<EventData<typeof PorticoOrganizationChanged>>,
  ): Promise<void> {
    this.caches.invalidate(organizationTag(event.data.id));
  }

  @HandleEvent(PorticoCustomerChanged, { scope: 'instance' })
  async customerChanged(
    event: EventEnvelope<EventData<typeof PorticoCustomerChanged>>,
  ): Promise<void> {
    this.caches.invalidate(customerTag(event.organization_id, event.data.external_id));
  }

  @HandleEvent(PorticoInvoicesChanged, { scope: 'instance' })
  async invoicesChanged(
    event: EventEnvelope<EventData<typeof PorticoInvoicesChanged>>,
  ): Promise<void> {
    this.caches.invalidate(
      ...event.data.external_customer_ids.map((id) => customerTag(event.organization_id, id)),
    );
  }
}
