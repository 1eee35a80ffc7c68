import { Injectable } from '@nestjs/common';
import { ListWallets } from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import type { PortalSection, PortalSectionContext, PortalSectionSource } from '../portal-sections';
import { walletCardView } from './wallet-portal-views';

/** The Credits section: the customer's active wallets, first on the page as in Lago's portal. */
@Injectable()
export class WalletsSectionSource implements PortalSectionSource {
  readonly name = 'credits';

  constructor(private readonly rpc: ServiceClient) {}

  async load({ session, locale, basePath }: PortalSectionContext): Promise<PortalSection | null> {
    const { wallets } = await this.rpc.call(ListWallets, {
      organization_id: session.organization.id,
      external_customer_id: session.customer.external_id,
    });
    if (wallets.length === 0) return null;
    return {
      partial: 'wallets-credits',
      placement: 'before-invoices',
      order: 10,
      view: { wallets: wallets.map((wallet) => walletCardView(wallet, basePath, locale)) },
    };
  }
}
