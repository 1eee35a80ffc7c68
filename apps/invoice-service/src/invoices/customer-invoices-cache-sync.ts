import { Inject, Injectable } from '@nestjs/common';
import { PorticoInvoicesChanged, type EventData, type EventEnvelope } from '@portico/contracts';
import { EventPublisher } from '@portico/messaging';
import { randomUUID } from 'node:crypto';
import type { CustomerInvoicePatch } from './customer-invoices';
import { CustomerInvoicesCache, customerKey } from './customer-invoices.cache';

/** Keeps every instance's CustomerInvoicesCache true: patch here, announce to the others. */
@Injectable()
export class CustomerInvoicesCacheSync {
  private readonly origin = randomUUID();

  constructor(
    private readonly publisher: EventPublisher,
    @Inject(CustomerInvoicesCache) private readonly cache: CustomerInvoicesCache,
  ) {}

  /** `patches`: by customerKey, what this instance stored for each customer. */
  async changed(
    customersByOrganization: Map<string, Set<string>>,
    patches: Map<string, CustomerInvoicePatch[]>,
  ): Promise<void> {
    for (const [key, customerPatches] of patches) this.cache.patch(key, customerPatches);
    await Promise.all(
      [...customersByOrganization].map(([organizationId, customers]) =>
        this.publisher.publish(PorticoInvoicesChanged, {
          id: `evt_${randomUUID()}`,
          organization_id: organizationId,
          occurred_at: new Date().toISOString(),
          data: { external_customer_ids: [...customers], origin: this.origin },
        }),
      ),
    );
  }

  /** Every instance, this one included, hears every announcement (InvoiceCacheConsumer). */
  async announced(event: EventEnvelope<EventData<typeof PorticoInvoicesChanged>>): Promise<void> {
    if (event.data.origin === this.origin) return;
    for (const customer of event.data.external_customer_ids)
      this.cache.invalidate(customerKey(event.organization_id, customer));
  }
}
