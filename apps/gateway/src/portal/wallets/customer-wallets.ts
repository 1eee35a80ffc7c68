import { Injectable } from '@nestjs/common';
import { ListWallets, type WalletView } from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import { organizationTag } from '../../caching/cache-tags';

/** What `portico.wallets.changed` names: one customer's wallets. */
export const walletsTag = (organizationId: string, externalCustomerId: string) =>
  `wallets:${organizationId}\u0000${externalCustomerId}`;

/**
 * A customer's active wallets, from the invoice-service, cached per gateway instance: dropped
 * when the invoice-service announces a change for the customer, and in any case after a minute.
 * The first page asks on every view, so this saves it a round trip.
 */
@Injectable()
export class CustomerWallets {
  private readonly wallets;

  constructor(
    private readonly rpc: ServiceClient,
    caches: ReplicaCaches,
  ) {
    this.wallets = caches.create<{ list: WalletView[] }>({
      ttlMs: 60_000,
      max: 20_000,
      tagsOf: (_list, key) => {
        const [organizationId, externalCustomerId] = key.split('\u0000') as [string, string];
        return [organizationTag(organizationId), walletsTag(organizationId, externalCustomerId)];
      },
    });
  }

  async active(organizationId: string, externalCustomerId: string): Promise<WalletView[]> {
    const answer = await this.wallets.getOrLoad(
      `${organizationId}\u0000${externalCustomerId}`,
      async () => ({
        list: (
          await this.rpc.call(ListWallets, {
            organization_id: organizationId,
            external_customer_id: externalCustomerId,
          })
        ).wallets,
      }),
    );
    return answer.list;
  }
}
