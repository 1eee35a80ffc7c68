import { Injectable, Logger } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  GetLagoApiAccess,
  WalletTopUpRequested,
  topUpLimitBroken,
  type RequestWalletTopUp,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { callLago, LagoApiClients, LagoApiError } from '@portico/lago-api';
import { EventPublisher, ServiceClient, describeError } from '@portico/messaging';
import { toWalletView } from './wallet-views';
import { topUpClaimId, WalletTopUpsRepository } from './wallet-top-ups.repository';
import { WalletsRepository } from './wallets.repository';

/**
 * A customer's top-up request from the portal, sent at most once per form. Lago has no
 * idempotency for wallet transactions (getlago/lago-api#5870: the same POST twice tops up twice),
 * so the claim is Portico's own, written before anything leaves; the claim id also goes to Lago
 * as `Idempotency-Key`, for a Lago that honours one.
 */
@Injectable()
export class WalletTopUpsService {
  private readonly logger = new Logger(WalletTopUpsService.name);

  constructor(
    private readonly wallets: WalletsRepository,
    private readonly claims: WalletTopUpsRepository,
    private readonly rpc: ServiceClient,
    private readonly publisher: EventPublisher,
    private readonly lagoApi: LagoApiClients,
  ) {}

  async request(
    request: RpcRequest<typeof RequestWalletTopUp>,
  ): Promise<RpcResponse<typeof RequestWalletTopUp>> {
    const { organization_id: organizationId, wallet_id: walletId, credits } = request;
    const record = await this.wallets.findVisible(
      organizationId,
      request.external_customer_id,
      walletId,
    );
    if (!record) throw new DomainError(ErrorCode.WalletNotFound, `wallet "${walletId}" not found`);
    const broken = topUpLimitBroken(toWalletView(record), credits);
    if (broken) {
      throw new DomainError(ErrorCode.ValidationFailed, 'outside the paid top-up limits', [
        {
          field: 'credits',
          message: `${broken === 'min' ? 'below' : 'above'} the wallet's paid top-up limit`,
          code: broken === 'min' ? 'below_min_amount' : 'above_max_amount',
        },
      ]);
    }
    // Asked before the claim: customer-service being away must not use up the form.
    const { access } = await this.rpc.call(GetLagoApiAccess, { organization_id: organizationId });
    const channel = access ? 'lago' : 'webhook';
    const id = topUpClaimId(organizationId, walletId, request.nonce);
    const claimed = await this.claims.claim({
      _id: id,
      organization_id: organizationId,
      wallet_id: walletId,
      external_customer_id: request.external_customer_id,
      credits,
      channel,
      status: 'claimed',
      error: null,
      created_at: new Date(),
      finished_at: null,
    });
    if (!claimed) return { outcome: 'duplicate', channel };
    try {
      if (access) {
        const client = this.lagoApi.for(access);
        await callLago('create a wallet transaction', () =>
          client.walletTransactions.createWalletTransaction(
            { wallet_transaction: { wallet_id: walletId, paid_credits: credits } },
            { headers: { 'Idempotency-Key': id } },
          ),
        );
      } else {
        await this.publisher.publish(WalletTopUpRequested, {
          id: `evt_${id}`,
          organization_id: organizationId,
          occurred_at: new Date().toISOString(),
          data: {
            external_customer_id: request.external_customer_id,
            wallet_id: walletId,
            paid_credits: credits,
            requested_at: new Date().toISOString(),
          },
        });
      }
    } catch (error) {
      // Whether Lago took it is unknown after a timeout: the claim stays used, never resent.
      await this.claims.finish(id, 'failed', describeError(error)).catch(() => undefined);
      this.logger.warn(`top-up ${id} of ${organizationId} not sent: ${describeError(error)}`);
      if (error instanceof LagoApiError) {
        throw new DomainError(ErrorCode.LagoUnavailable, 'Lago did not take the top-up');
      }
      throw error;
    }
    await this.claims.finish(id, 'sent');
    return { outcome: 'requested', channel };
  }
}
