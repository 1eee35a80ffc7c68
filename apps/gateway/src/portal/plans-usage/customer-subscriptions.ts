import { Injectable } from '@nestjs/common';
import {
  ListSubscriptions,
  PorticoSubscriptionsChanged,
  type SubscriptionSummary,
} from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import {
  CustomerListCache,
  customerListsConsumer,
  customerListTag,
} from '../../caching/customer-list-cache';

/** What `portico.subscriptions.changed` names: one customer's subscriptions. */
export const subscriptionsTag = (organizationId: string, externalCustomerId: string) =>
  customerListTag(PorticoSubscriptionsChanged, organizationId, externalCustomerId);

/** A customer's active subscriptions, from the invoice-service, cached per gateway instance. */
@Injectable()
export class CustomerSubscriptions extends CustomerListCache<SubscriptionSummary> {
  constructor(rpc: ServiceClient, caches: ReplicaCaches) {
    super(caches, PorticoSubscriptionsChanged, async (organizationId, externalCustomerId) => {
      const answer = await rpc.call(ListSubscriptions, {
        organization_id: organizationId,
        external_customer_id: externalCustomerId,
      });
      return answer.subscriptions;
    });
  }
}

export const SubscriptionsChangedConsumer = customerListsConsumer(PorticoSubscriptionsChanged);
