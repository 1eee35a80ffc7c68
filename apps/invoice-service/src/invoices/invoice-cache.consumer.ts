import { Controller } from '@nestjs/common';
import { PorticoInvoicesChanged, type EventData, type EventEnvelope } from '@portico/contracts';
import { HandleEvent } from '@portico/messaging';
import { InvoiceChangeNotifications } from './invoice-change-notifications';

/**
 * Every instance's copy of each invoice-change announcement (a per-instance queue), so every
 * instance's cached invoice lists stay true, whichever instance wrote.
 */
@Controller()
export class InvoiceCacheConsumer {
  constructor(private readonly notifications: InvoiceChangeNotifications) {}

  @HandleEvent(PorticoInvoicesChanged, { scope: 'instance' })
  async invoicesChanged(
    event: EventEnvelope<EventData<typeof PorticoInvoicesChanged>>,
  ): Promise<void> {
    await this.notifications.announced(event);
  }
}
