import { Injectable } from '@nestjs/common';
import type { PortalSection, PortalSectionContext, PortalSectionSource } from '../portal-sections';
import { CustomerWallets } from './customer-wallets';
import { walletCardView } from './wallet-portal-views';
import { topUpAllowed } from './wallet-top-up-view';

/** The Credits section: the customer's active wallets, first on the page as in Lago's portal. */
@Injectable()
export class WalletsSectionSource implements PortalSectionSource {
  readonly name = 'credits';

  constructor(private readonly customerWallets: CustomerWallets) {}

  async load({ session, locale, basePath }: PortalSectionContext): Promise<PortalSection | null> {
    const wallets = await this.customerWallets.active(
      session.organization.id,
      session.customer.external_id,
    );
    if (wallets.length === 0) return null;
    return {
      partial: 'wallets-credits',
      placement: 'before-invoices',
      order: 10,
      view: {
        wallets: wallets.map((wallet) => walletCardView(wallet, basePath, locale)),
        topUp: topUpAllowed(session),
      },
    };
  }
}
