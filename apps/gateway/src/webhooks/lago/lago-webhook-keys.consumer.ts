import { Controller } from '@nestjs/common';
import { PorticoOrganizationChanged, type EventData, type EventEnvelope } from '@portico/contracts';
import { HandleEvent } from '@portico/messaging';
import { LagoWebhookKeySource } from './lago-webhook-keys';

/** Every gateway instance forgets an organization's cached Lago webhook keys when it changes. */
@Controller()
export class LagoWebhookKeysConsumer {
  constructor(private readonly keys: LagoWebhookKeySource) {}

  @HandleEvent(PorticoOrganizationChanged, { scope: 'instance' })
  async organizationChanged(
    event: EventEnvelope<EventData<typeof PorticoOrganizationChanged>>,
  ): Promise<void> {
    await this.keys.onOrganizationChanged(event);
  }
}
