import { Controller } from '@nestjs/common';
import {
  PorticoCustomerChanged,
  PorticoOrganizationChanged,
  type EventData,
  type EventEnvelope,
} from '@portico/contracts';
import { HandleEvent } from '@portico/messaging';
import { ApiKeyAuthenticator } from './auth/api-key-authenticator';
import { PortalSessionSource } from './customers/portal-session-source';

/**
 * Every gateway instance hears each change (a per-instance queue) and drops what it cached of it:
 * an organization's API keys, a customer's portal-session source.
 */
@Controller()
export class ApiCachesConsumer {
  constructor(
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly portalSessions: PortalSessionSource,
  ) {}

  @HandleEvent(PorticoOrganizationChanged, { scope: 'instance' })
  async organizationChanged(
    event: EventEnvelope<EventData<typeof PorticoOrganizationChanged>>,
  ): Promise<void> {
    await this.apiKeys.onOrganizationChanged(event);
  }

  @HandleEvent(PorticoCustomerChanged, { scope: 'instance' })
  async customerChanged(
    event: EventEnvelope<EventData<typeof PorticoCustomerChanged>>,
  ): Promise<void> {
    await this.portalSessions.onCustomerChanged(event);
  }
}
