import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { PorticoInvoicesChanged, type EventData, type EventEnvelope } from '@portico/contracts';
import { EventPublisher } from '@portico/messaging';
import { randomUUID } from 'node:crypto';
import { CustomerInvoicesCache, customerKey } from './customer-invoices.cache';
import { InvoicesStoredHook, type StoredInvoices } from './invoices-stored.hook';

/**
 * Keeps every instance's CustomerInvoicesCache true: after each stored batch, patch here and
 * announce to the others (and to the gateways).
 */
@Injectable()
export class CustomerInvoicesCacheSync implements OnModuleInit {
  private readonly origin = randomUUID();

  constructor(
    private readonly publisher: EventPublisher,
    @Inject(CustomerInvoicesCache) private readonly cache: CustomerInvoicesCache,
    private readonly hook: InvoicesStoredHook,
  ) {}

  onModuleInit(): void {
    this.hook.register((stored) => this.changed(stored));
  }

  private async changed({ customersByOrganization, patches }: StoredInvoices): Promise<void> {
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
