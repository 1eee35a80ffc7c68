import { Injectable } from '@nestjs/common';
import { ListSubscriptions, type SubscriptionSummary } from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import { organizationTag } from '../../caching/cache-tags';

/** What `portico.subscriptions.changed` names: one customer's subscriptions. */
export const subscriptionsTag = (organizationId: string, externalCustomerId: string) =>
  `subscriptions:${organizationId}\u0000${externalCustomerId}`;

/**
 * A customer's active subscriptions, from the invoice-service, cached per gateway instance:
 * dropped when the invoice-service announces a change for the customer, and in any case after a
 * minute. The first page asks on every view, so this saves it a round trip.
 */
@Injectable()
export class CustomerSubscriptions {
  private readonly subscriptions;

  constructor(
    private readonly rpc: ServiceClient,
    caches: ReplicaCaches,
  ) {
    this.subscriptions = caches.create<{ list: SubscriptionSummary[] }>({
      ttlMs: 60_000,
      max: 20_000,
      tagsOf: (_list, key) => {
        const [organizationId, externalCustomerId] = key.split('\u0000') as [string, string];
        return [
          organizationTag(organizationId),
          subscriptionsTag(organizationId, externalCustomerId),
        ];
      },
    });
  }

  async active(organizationId: string, externalCustomerId: string): Promise<SubscriptionSummary[]> {
    const answer = await this.subscriptions.getOrLoad(
      `${organizationId}\u0000${externalCustomerId}`,
      async () => ({
        list: (
          await this.rpc.call(ListSubscriptions, {
            organization_id: organizationId,
            external_customer_id: externalCustomerId,
          })
        ).subscriptions,
      }),
    );
    return answer.list;
  }
}
