import { Controller } from '@nestjs/common';
import {
  PorticoCustomerChanged,
  PorticoOrganizationChanged,
  type EventData,
  type EventEnvelope,
} from '@portico/contracts';
import { HandleEvent } from '@portico/messaging';
import { PortalSessionVerifier } from './portal-session-verifier';

/** Every gateway instance drops its cached portal sessions of a customer or organization that changed. */
@Controller()
export class PortalSessionCacheConsumer {
  constructor(private readonly verifier: PortalSessionVerifier) {}

  @HandleEvent(PorticoCustomerChanged, { scope: 'instance' })
  async customerChanged(
    event: EventEnvelope<EventData<typeof PorticoCustomerChanged>>,
  ): Promise<void> {
    await this.verifier.customerChanged(event);
  }

  @HandleEvent(PorticoOrganizationChanged, { scope: 'instance' })
  async organizationChanged(
    event: EventEnvelope<EventData<typeof PorticoOrganizationChanged>>,
  ): Promise<void> {
    await this.verifier.organizationChanged(event);
  }
}
