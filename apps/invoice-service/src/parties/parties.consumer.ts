import { Controller } from '@nestjs/common';
import {
  PorticoCustomerChanged,
  PorticoInvoicePartiesChanged,
  PorticoOrganizationChanged,
  type EventData,
  type EventEnvelope,
} from '@portico/contracts';
import { EventPublisher, HandleEvent } from '@portico/messaging';
import { randomUUID } from 'node:crypto';
import { LogoFetcher } from './logo-fetcher';
import { customerProfileId } from './party-profiles';
import { PartiesRepository } from './parties.repository';

/**
 * Keeps what PDFs need of customers and organizations (language, names, branding) from
 * customer-service's state-transfer events; newer wins, so replays change nothing. Each stored
 * profile is then announced, for the gateways' confirmed PDFs (PorticoInvoicePartiesChanged).
 */
@Controller()
export class PartiesConsumer {
  constructor(
    private readonly repository: PartiesRepository,
    private readonly logos: LogoFetcher,
    private readonly publisher: EventPublisher,
  ) {}

  @HandleEvent(PorticoCustomerChanged)
  async customerChanged(
    event: EventEnvelope<EventData<typeof PorticoCustomerChanged>>,
  ): Promise<void> {
    const c = event.data;
    await this.repository.saveCustomer({
      _id: customerProfileId(event.organization_id, c.external_id),
      organization_id: event.organization_id,
      external_id: c.external_id,
      name: c.name,
      email: c.email,
      document_locale: c.document_locale,
      view: c.view ?? null,
      deleted: c.deleted,
      updated_at: new Date(c.updated_at),
    });
    await this.announce(event.organization_id, c.external_id);
  }

  @HandleEvent(PorticoOrganizationChanged)
  async organizationChanged(
    event: EventEnvelope<EventData<typeof PorticoOrganizationChanged>>,
  ): Promise<void> {
    const o = event.data;
    const profile = {
      _id: o.id,
      name: o.name,
      display_name: o.display_name,
      default_document_locale: o.default_document_locale,
      brand_color: o.brand_color,
      logo_url: o.logo_url,
      logo_data_uri: null,
      updated_at: new Date(o.updated_at),
    };
    await this.repository.saveOrganization(profile, async (stored) => ({
      ...profile,
      logo_data_uri:
        stored && stored.logo_url === o.logo_url && stored.logo_data_uri
          ? stored.logo_data_uri
          : await this.logos.dataUri(o.logo_url),
    }));
    await this.announce(o.id);
  }

  /** Announced even when nothing changed: a redelivery after a lost announcement repairs it. */
  private announce(organizationId: string, externalCustomerId?: string): Promise<void> {
    return this.publisher.publish(PorticoInvoicePartiesChanged, {
      id: `evt_${randomUUID()}`,
      organization_id: organizationId,
      occurred_at: new Date().toISOString(),
      data: externalCustomerId ? { external_customer_id: externalCustomerId } : {},
    });
  }
}
