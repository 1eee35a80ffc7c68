import { Injectable } from '@nestjs/common';
import { PorticoCustomerChanged } from '@portico/contracts';
import { EventPublisher } from '@portico/messaging';
import { toCustomerView, toPortalCustomer } from './customer-views';
import type { CustomerRecord } from './customers.repository';

/** Tells the other services how a customer now looks, after every change whatever its source. */
@Injectable()
export class CustomerEvents {
  constructor(private readonly publisher: EventPublisher) {}

  async changed(customer: CustomerRecord, correlationId?: string): Promise<void> {
    const version = customer.updated_at.toISOString();
    await this.publisher.publish(
      PorticoCustomerChanged,
      {
        // Deterministic: versions strictly increase, so a republished change dedupes downstream.
        id: `evt_${customer._id}_${customer.updated_at.getTime()}`,
        organization_id: customer.organization_id,
        occurred_at: version,
        data: {
          ...toPortalCustomer(customer),
          view: toCustomerView(customer),
          deleted: customer.deleted_at !== null,
          portal_session_generation: customer.portal_session_generation,
          updated_at: version,
        },
      },
      { correlationId },
    );
  }
}
