import { Controller } from '@nestjs/common';
import { PorticoWalletsChanged, type EventData, type EventEnvelope } from '@portico/contracts';
import { HandleEvent, ReplicaCaches } from '@portico/messaging';
import { walletsTag } from './customer-wallets';

/** Every gateway instance hears each announcement (a per-instance queue) and forgets the lists. */
@Controller()
export class WalletsChangedConsumer {
  constructor(private readonly caches: ReplicaCaches) {}

  @HandleEvent(PorticoWalletsChanged, { scope: 'instance' })
  async changed(event: EventEnvelope<EventData<typeof PorticoWalletsChanged>>): Promise<void> {
    for (const customer of event.data.external_customer_ids)
      this.caches.invalidate(walletsTag(event.organization_id, customer));
  }
}
