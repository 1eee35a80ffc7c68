import type { EventContract } from '@portico/contracts';
import {
  forgetOn,
  replicaCachesConsumer,
  type ReplicaCache,
  type ReplicaCaches,
} from '@portico/messaging';
import type { Type } from '@nestjs/common';
import type { z } from 'zod';
import { organizationTag } from './cache-tags';

/** What the invoice-service announces once it stored a change to customers' lists. */
export type CustomerListsChanged = EventContract<
  string,
  z.ZodType<{ external_customer_ids: string[] }>
>;

/** What `changedOn` names: one customer's list of that kind. */
export const customerListTag = (
  changedOn: CustomerListsChanged,
  organizationId: string,
  customer: string,
) => `${changedOn.type}:${organizationId}\u0000${customer}`;

/**
 * One customer's active items of a kind the invoice-service owns (wallets, subscriptions),
 * cached per gateway instance: dropped when the invoice-service announces a change for the
 * customer (`changedOn`, heard by `customerListsConsumer`) or the organization changes, and in
 * any case after a minute. The first page asks on every view, so this saves it a round trip.
 */
export class CustomerListCache<T> {
  private readonly lists: ReplicaCache<{ list: T[] }>;

  constructor(
    caches: ReplicaCaches,
    changedOn: CustomerListsChanged,
    private readonly load: (organizationId: string, externalCustomerId: string) => Promise<T[]>,
  ) {
    this.lists = caches.create<{ list: T[] }>({
      ttlMs: 60_000,
      max: 20_000,
      tagsOf: (_list, key) => {
        const [organizationId, externalCustomerId] = key.split('\u0000') as [string, string];
        return [
          organizationTag(organizationId),
          customerListTag(changedOn, organizationId, externalCustomerId),
        ];
      },
    });
  }

  async active(organizationId: string, externalCustomerId: string): Promise<T[]> {
    const answer = await this.lists.getOrLoad(
      `${organizationId}\u0000${externalCustomerId}`,
      async () => ({ list: await this.load(organizationId, externalCustomerId) }),
    );
    return answer.list;
  }
}

/** Every gateway instance hears each announcement (a per-instance queue) and forgets the lists. */
export function customerListsConsumer(changedOn: CustomerListsChanged): Type<unknown> {
  return replicaCachesConsumer(
    forgetOn(changedOn, (event) =>
      event.data.external_customer_ids.map((customer) =>
        customerListTag(changedOn, event.organization_id, customer),
      ),
    ),
  );
}
