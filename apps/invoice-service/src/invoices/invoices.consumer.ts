import { Controller } from '@nestjs/common';
import {
  InvoiceCreated,
  InvoicePaymentOverdue,
  InvoicePaymentStatusUpdated,
  InvoiceUpdated,
  InvoiceVoided,
  type EventData,
  type EventEnvelope,
} from '@portico/contracts';
import { HandleEvent } from '@portico/messaging';
import { KnownOrganizations } from '../parties/known-organizations';
import type { InvoiceChange } from './invoice-change';
import { InvoiceWriteBatcher } from './invoice-write-batcher';

/**
 * Invoices from upstream billing systems. Each handler resolves once its change is stored, so
 * the message is acked only then; repeated and out-of-order events are absorbed by the record.
 */
@Controller()
export class InvoicesConsumer {
  constructor(
    private readonly batcher: InvoiceWriteBatcher,
    private readonly organizations: KnownOrganizations,
  ) {}

  @HandleEvent(InvoiceCreated)
  created(event: EventEnvelope<EventData<typeof InvoiceCreated>>): Promise<void> {
    return this.submit(event, { kind: 'document', invoice: event.data });
  }

  @HandleEvent(InvoiceUpdated)
  updated(event: EventEnvelope<EventData<typeof InvoiceUpdated>>): Promise<void> {
    return this.submit(event, { kind: 'document', invoice: event.data });
  }

  @HandleEvent(InvoicePaymentStatusUpdated)
  paymentStatusUpdated(
    event: EventEnvelope<EventData<typeof InvoicePaymentStatusUpdated>>,
  ): Promise<void> {
    return this.submit(event, { kind: 'payment_status', paymentStatus: event.data.payment_status });
  }

  @HandleEvent(InvoicePaymentOverdue)
  paymentOverdue(event: EventEnvelope<EventData<typeof InvoicePaymentOverdue>>): Promise<void> {
    return this.submit(event, {
      kind: 'payment_overdue',
      paymentOverdue: event.data.payment_overdue,
    });
  }

  @HandleEvent(InvoiceVoided)
  voided(event: EventEnvelope<EventData<typeof InvoiceVoided>>): Promise<void> {
    return this.submit(event, { kind: 'voided' });
  }

  /** Only for an organization Portico knows: an event for any other is never stored. */
  private async submit(
    event: EventEnvelope<{ id: string; external_customer_id: string; updated_at: string }>,
    change: DistributiveOmit<InvoiceChange, keyof Reference>,
  ): Promise<void> {
    await this.organizations.require(event.organization_id);
    await this.batcher.submit({ ...reference(event), ...change } as InvoiceChange);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

type Reference = Pick<
  InvoiceChange,
  'organizationId' | 'upstreamId' | 'externalCustomerId' | 'version'
>;

function reference(
  event: EventEnvelope<{ id: string; external_customer_id: string; updated_at: string }>,
): Reference {
  return {
    organizationId: event.organization_id,
    upstreamId: event.data.id,
    externalCustomerId: event.data.external_customer_id,
    version: new Date(event.data.updated_at),
  };
}
