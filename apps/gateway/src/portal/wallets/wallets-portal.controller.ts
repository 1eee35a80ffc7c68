import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  DomainError,
  ErrorCode,
  GetWallet,
  RequestWalletTopUp,
  topUpCreditsSchema,
  topUpLimitBroken,
  type RpcResponse,
} from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import type { FastifyReply } from 'fastify';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { PortalErrorFilter } from '../portal-error.filter';
import { PortalFormTokens } from '../portal-form-tokens';
import { PortalFrame } from '../portal-frame';
import { PortalSessionGuard, type PortalRequest } from '../../portal-sessions/portal-session.guard';
import { PortalViews } from '../portal-views';
import { transactionsView, walletCardView, walletHref } from './wallet-portal-views';
import {
  normalizeCredits,
  topUpAllowed,
  topUpFormView,
  type TopUpProblem,
} from './wallet-top-up-view';

export const WALLET_TRANSACTIONS_PAGE_SIZE = 20;
const TOP_UP_FORM = 'wallets.top_up';

/** A hand-edited URL never breaks the page: an unusable page number is the first page. */
const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  top_up: z.literal('requested').optional().catch(undefined),
});

/** Whatever was posted; each field is checked where it is used (a missing one is refused there). */
const topUpBody = z
  .object({ form_token: z.unknown(), nonce: z.unknown(), credits: z.unknown() })
  .partial()
  .catch({});

/** What one render of the form keeps: what the customer typed and what was wrong with it. */
interface TopUpState {
  value?: string;
  problem?: TopUpProblem;
  requested?: boolean;
}

/**
 * One wallet of the session's customer with its transactions, newest first, in numbered pages,
 * and, where the organization allows it, a form to buy credits. The wallet is looked up for this
 * customer only: another customer's wallet id is a 404, the same answer as an unknown one.
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
    private readonly formTokens: PortalFormTokens,
  ) {}

  @Get(':walletId')
  async page(
    @Req() request: PortalRequest,
    @Param('walletId') walletId: string,
    @Query() rawQuery: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const query = pageQuery.parse(rawQuery ?? {});
    const found = await this.wallet(request, walletId, query.page);
    this.render(request, reply, found, { requested: query.top_up === 'requested' });
  }

  /**
   * Checked here for the form's sake (its error in the customer's words), and again by the
   * invoice-service, which decides. Success answers 303 to the wallet page, so a reload does not
   * post again; a second post of the same form (its nonce) sends nothing either.
   */
  @Post(':walletId/top-up')
  async topUp(
    @Req() request: PortalRequest,
    @Param('walletId') walletId: string,
    @Body() rawBody: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const body = topUpBody.parse(rawBody ?? {});
    this.formTokens.verify(request, TOP_UP_FORM, body.form_token);
    if (!topUpAllowed(request.portalSession)) {
      throw new DomainError(ErrorCode.Forbidden, 'buying credits is not available here');
    }
    const nonce = typeof body.nonce === 'string' ? body.nonce : '';
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) {
      throw new DomainError(ErrorCode.FormTokenInvalid, 'the form is incomplete; reload the page');
    }
    const found = await this.wallet(request, walletId, 1);
    const value = normalizeCredits(body.credits);
    const refuse = (problem: TopUpProblem, status: number) =>
      this.render(request, reply.status(status), found, { value, problem });
    const credits = topUpCreditsSchema.safeParse(value);
    if (!credits.success) return refuse('invalid', 422);
    const broken = topUpLimitBroken(found.wallet, credits.data);
    if (broken) return refuse(broken, 422);
    try {
      await this.rpc.call(RequestWalletTopUp, {
        organization_id: request.portalSession.organization.id,
        external_customer_id: request.portalSession.customer.external_id,
        wallet_id: walletId,
        credits: credits.data,
        nonce,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === ErrorCode.ValidationFailed) return refuse('invalid', 422);
      if (
        [
          ErrorCode.LagoUnavailable,
          ErrorCode.ServiceUnavailable,
          ErrorCode.ServiceTimeout,
        ].includes(error.code)
      ) {
        return refuse('unavailable', 503);
      }
      throw error;
    }
    const href = `${walletHref(this.frame.basePath(request), walletId)}?top_up=requested`;
    void reply.status(303).header('location', href).send();
  }

  private render(
    request: PortalRequest,
    reply: FastifyReply,
    found: RpcResponse<typeof GetWallet>,
    topUp: TopUpState,
  ): void {
    const { locale } = request.portalSession;
    const basePath = this.frame.basePath(request);
    const frame = this.frame.open(request, reply, {
      titleKey: 'wallets.page.title',
      current: 'billing',
    });
    const href = walletHref(basePath, found.wallet.id);
    const view = {
      ...frame,
      backHref: basePath,
      wallet: walletCardView(found.wallet, basePath, locale),
      topUp: topUpAllowed(request.portalSession)
        ? topUpFormView(found.wallet, locale, {
            action: `${href}/top-up`,
            formToken: this.formTokens.issue(request, TOP_UP_FORM),
            nonce: randomBytes(18).toString('base64url'),
            ...topUp,
          })
        : null,
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
