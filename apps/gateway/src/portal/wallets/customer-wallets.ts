import { Injectable } from '@nestjs/common';
import { ListWallets, PorticoWalletsChanged, type WalletView } from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import { CustomerListCache, customerListsConsumer } from '../../caching/customer-list-cache';

/** A customer's active wallets, from the invoice-service, cached per gateway instance. */
@Injectable()
export class CustomerWallets extends CustomerListCache<WalletView> {
  constructor(rpc: ServiceClient, caches: ReplicaCaches) {
    super(caches, PorticoWalletsChanged, async (organizationId, externalCustomerId) => {
      const answer = await rpc.call(ListWallets, {
        organization_id: organizationId,
        external_customer_id: externalCustomerId,
      });
      return answer.wallets;
    });
  }
}

export const WalletsChangedConsumer = customerListsConsumer(PorticoWalletsChanged);
