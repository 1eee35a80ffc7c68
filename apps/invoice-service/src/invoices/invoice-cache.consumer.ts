import { Controller } from '@nestjs/common';
import { PorticoInvoicesChanged, type EventData, type EventEnvelope } from '@portico/contracts';
import { HandleEvent } from '@portico/messaging';
import { CustomerInvoicesCacheSync } from './customer-invoices-cache-sync';

/**
 * Every instance's copy of each invoice-change announcement (a per-instance queue), so every
 * instance's cached invoice lists stay true, whichever instance wrote.
 */
@Controller()
export class InvoiceCacheConsumer {
  constructor(private readonly notifications: CustomerInvoicesCacheSync) {}

  @HandleEvent(PorticoInvoicesChanged, { scope: 'instance' })
  async invoicesChanged(
    event: EventEnvelope<EventData<typeof PorticoInvoicesChanged>>,
  ): Promise<void> {
    await this.notifications.announced(event);
  }
}
