import { Injectable } from '@nestjs/common';
import { GetCustomer, type CustomerView } from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import { customerTag } from './cache-tags';

/**
 * A customer as its details view shows it, kept until customer-service announces a change to it
 * (`portico.customer.changed`, after every write whatever its source) or this instance writes one.
 * Only customers that exist are kept: an unknown id (another organization's) asks every time.
 */
@Injectable()
export class CustomerCache {
  private readonly customers;

  constructor(
    private readonly rpc: ServiceClient,
    private readonly caches: ReplicaCaches,
  ) {
    this.customers = caches.create<{ organizationId: string; customer: CustomerView }>({
      ttlMs: 60_000,
      max: 10_000,
      tagsOf: ({ organizationId, customer }) => [customerTag(organizationId, customer.external_id)],
    });
  }

  async get(organizationId: string, externalId: string): Promise<CustomerView> {
    const { customer } = await this.customers.getOrLoad(
      `${organizationId}\u0000${externalId}`,
      async () => ({
        organizationId,
        customer: (
          await this.rpc.call(GetCustomer, {
            organization_id: organizationId,
            external_id: externalId,
          })
        ).customer,
      }),
    );
    return customer;
  }

  /** This instance changed it: the next page reads it anew, before the announcement is back. */
  forget(organizationId: string, externalId: string): void {
    this.caches.invalidate(customerTag(organizationId, externalId));
  }
}
