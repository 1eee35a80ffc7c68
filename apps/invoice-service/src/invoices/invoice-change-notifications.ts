import { Inject, Injectable } from '@nestjs/common';
import { PorticoInvoicesChanged, type EventData, type EventEnvelope } from '@portico/contracts';
import { EventPublisher } from '@portico/messaging';
import { randomUUID } from 'node:crypto';
import { CustomerInvoicesCache, customerKey } from './customer-invoices.cache';

/** Keeps every instance's CustomerInvoicesCache true: invalidate here, announce to the others. */
@Injectable()
export class InvoiceChangeNotifications {
  constructor(
    private readonly publisher: EventPublisher,
    @Inject(CustomerInvoicesCache) private readonly cache: CustomerInvoicesCache,
  ) {}

  async changed(customersByOrganization: Map<string, Set<string>>): Promise<void> {
    for (const [organizationId, customers] of customersByOrganization)
      for (const customer of customers)
        this.cache.invalidate(customerKey(organizationId, customer));
    await Promise.all(
      [...customersByOrganization].map(([organizationId, customers]) =>
        this.publisher.publish(PorticoInvoicesChanged, {
          id: `evt_${randomUUID()}`,
          organization_id: organizationId,
          occurred_at: new Date().toISOString(),
          data: { external_customer_ids: [...customers] },
        }),
      ),
    );
  }

  /** Every instance, this one included, hears every announcement (InvoiceCacheConsumer). */
  async announced(event: EventEnvelope<EventData<typeof PorticoInvoicesChanged>>): Promise<void> {
    for (const customer of event.data.external_customer_ids)
      this.cache.invalidate(customerKey(event.organization_id, customer));
  }
}
