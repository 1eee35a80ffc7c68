import { Controller } from '@nestjs/common';
import {
  CreditNoteCreated,
  CreditNoteUpdated,
  PorticoInvoicesChanged,
  type EventData,
  type EventEnvelope,
} from '@portico/contracts';
import { EventPublisher, HandleEvent } from '@portico/messaging';
import { announceCustomerListChanged } from '../parties/customer-list-changes';
import { KnownOrganizations } from '../parties/known-organizations';
import { CreditNotesRepository } from './credit-notes.repository';

/**
 * Credit notes from upstream billing systems. Acked once stored; a replay or an older event
 * changes nothing (newer `updated_at` wins), and a note for an unknown organization is never
 * stored (held for a few retries, then dead-lettered with the reason, as invoices are).
 */
@Controller()
export class CreditNotesConsumer {
  constructor(
    private readonly notes: CreditNotesRepository,
    private readonly organizations: KnownOrganizations,
    private readonly publisher: EventPublisher,
  ) {}

  @HandleEvent(CreditNoteCreated)
  created(event: EventEnvelope<EventData<typeof CreditNoteCreated>>): Promise<void> {
    return this.store(event);
  }

  @HandleEvent(CreditNoteUpdated)
  updated(event: EventEnvelope<EventData<typeof CreditNoteUpdated>>): Promise<void> {
    return this.store(event);
  }

  private async store(event: EventEnvelope<EventData<typeof CreditNoteCreated>>): Promise<void> {
    await this.organizations.require(event.organization_id);
    if (!(await this.notes.upsertNewer(event.organization_id, event.data))) return;
    // The portal's gateways keep each customer's credit notes: this tells them to ask again.
    await announceCustomerListChanged(
      this.publisher,
      PorticoInvoicesChanged,
      event.organization_id,
      event.data.external_customer_id,
    );
  }
}
