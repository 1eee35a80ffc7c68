import { Controller } from '@nestjs/common';
import { PorticoCustomerChanged, type EventData, type EventEnvelope } from '@portico/contracts';
import { HandleEvent } from '@portico/messaging';
import { CustomerDirectory } from './customer-directory';

/**
 * Every customer-service instance hears each customer change (its own included) on a
 * per-instance queue and patches its directory, so a search answers what another instance wrote.
 */
@Controller()
export class CustomerDirectoryConsumer {
  constructor(private readonly directory: CustomerDirectory) {}

  @HandleEvent(PorticoCustomerChanged, { scope: 'instance' })
  async customerChanged(
    event: EventEnvelope<EventData<typeof PorticoCustomerChanged>>,
  ): Promise<void> {
    // Releases before the view was carried: forget the organization, the next search reloads it.
    if (!event.data.view) this.directory.forget(event.organization_id);
    else this.directory.apply(event.organization_id, event.data.view, event.data.deleted);
  }
}
