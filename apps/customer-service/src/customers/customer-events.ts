import { Injectable } from '@nestjs/common';
import { PorticoCustomerChanged } from '@portico/contracts';
import { EventPublisher } from '@portico/messaging';
import { toCustomerView, toPortalCustomer } from './customer-views';
import type { CustomerRecord } from './customers.repository';
import { CustomerDirectory } from './directory/customer-directory';

/**
 * Tells the other services how a customer now looks, after every change whatever its source
 * (and this instance's directory first, so its next search sees the change).
 */
@Injectable()
export class CustomerEvents {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly directory: CustomerDirectory,
  ) {}

  async changed(customer: CustomerRecord, correlationId?: string): Promise<void> {
    const version = customer.updated_at.toISOString();
    const view = toCustomerView(customer);
    this.directory.apply(customer.organization_id, view, customer.deleted_at !== null);
    await this.publisher.publish(
      PorticoCustomerChanged,
      {
        // Deterministic: versions strictly increase, so a republished change dedupes downstream.
        id: `evt_${customer._id}_${customer.updated_at.getTime()}`,
        organization_id: customer.organization_id,
        occurred_at: version,
        data: {
          ...toPortalCustomer(customer),
          view,
          deleted: customer.deleted_at !== null,
          portal_session_generation: customer.portal_session_generation,
          updated_at: version,
        },
      },
      { correlationId },
    );
  }
}
