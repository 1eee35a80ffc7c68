import { Controller } from '@nestjs/common';
import {
  PorticoConsoleSessionsChanged,
  PorticoCustomerChanged,
  PorticoInvoicesChanged,
  PorticoOrganizationChanged,
  type EventData,
  type EventEnvelope,
} from '@portico/contracts';
import { HandleEvent, ReplicaCaches } from '@portico/messaging';
import { customerTag, operatorTag, organizationTag, sessionTag } from './cache-tags';

/**
 * Every console instance hears each change (a per-instance queue) and drops what its caches hold
 * of it: sessions (a logout, a new role, a removal elsewhere), organizations, customers and
 * their invoice pages.
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

  @HandleEvent(PorticoConsoleSessionsChanged, { scope: 'instance' })
  async sessionsChanged(
    event: EventEnvelope<EventData<typeof PorticoConsoleSessionsChanged>>,
  ): Promise<void> {
    this.caches.invalidate(
      event.data.session_id
        ? sessionTag(event.data.session_id)
        : operatorTag(event.organization_id, event.data.operator_id),
    );
  }
}
