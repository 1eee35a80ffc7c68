import { Controller, Get, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, ErrorCode, GetWallet } from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { PortalErrorFilter } from '../portal-error.filter';
import { PortalFrame } from '../portal-frame';
import { PortalSessionGuard, type PortalRequest } from '../portal-session.guard';
import { PortalViews } from '../portal-views';
import { transactionsView, walletCardView } from './wallet-portal-views';

export const WALLET_TRANSACTIONS_PAGE_SIZE = 20;

/** A hand-edited URL never breaks the page: an unusable page number is the first page. */
const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

/**
 * One wallet of the session's customer with its transactions, newest first, in numbered pages.
 * The wallet is looked up for this customer only: another customer's wallet id is a 404, the same
 * answer as an id that does not exist.
 */
@ApiExcludeController()
@UseGuards(PortalSessionGuard)
@UseFilters(PortalErrorFilter)
@Controller('customer-portal/:token/wallets')
export class WalletsPortalController {
  constructor(
    private readonly rpc: ServiceClient,
    private readonly views: PortalViews,
    private readonly frame: PortalFrame,
  ) {}

  @Get(':walletId')
  async page(
    @Req() request: PortalRequest,
    @Param('walletId') walletId: string,
    @Query() rawQuery: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { locale } = request.portalSession;
    const { page } = pageQuery.parse(rawQuery ?? {});
    const found = await this.wallet(request, walletId, page);
    const basePath = this.frame.basePath(request);
    const frame = this.frame.open(request, reply, {
      titleKey: 'wallets.page.title',
      current: null,
    });
    const view = {
      ...frame,
      backHref: basePath,
      wallet: walletCardView(found.wallet, basePath, locale),
      transactions: transactionsView(
        found.wallet,
        found,
        WALLET_TRANSACTIONS_PAGE_SIZE,
        basePath,
        locale,
      ),
    };
    void reply.send(this.views.page('wallet', view));
  }

  /** An id the service refuses to even look up (too long, NUL…) is not found either. */
  private async wallet(request: PortalRequest, walletId: string, page: number) {
    try {
      return await this.rpc.call(GetWallet, {
        organization_id: request.portalSession.organization.id,
        external_customer_id: request.portalSession.customer.external_id,
        wallet_id: walletId,
        page,
        per_page: WALLET_TRANSACTIONS_PAGE_SIZE,
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.ValidationFailed) {
        throw new DomainError(ErrorCode.WalletNotFound, 'wallet not found');
      }
      throw error;
    }
  }
}
