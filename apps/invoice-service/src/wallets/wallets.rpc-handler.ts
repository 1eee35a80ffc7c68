import { Controller } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  GetWallet,
  ListWallets,
  paginationMeta,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { HandleRpc } from '@portico/messaging';
import { toWalletTransactionView, toWalletView } from './wallet-views';
import { WalletsRepository } from './wallets.repository';

/** The portal's reads: a customer's active wallets, and one of them with a page of transactions. */
@Controller()
export class WalletsRpcHandler {
  constructor(private readonly repository: WalletsRepository) {}

  @HandleRpc(ListWallets)
  async list(request: RpcRequest<typeof ListWallets>): Promise<RpcResponse<typeof ListWallets>> {
    const records = await this.repository.listVisible(
      request.organization_id,
      request.external_customer_id,
    );
    const wallets = records
      .map(toWalletView)
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
    return { wallets };
  }

  @HandleRpc(GetWallet)
  async get(request: RpcRequest<typeof GetWallet>): Promise<RpcResponse<typeof GetWallet>> {
    const record = await this.repository.findVisible(
      request.organization_id,
      request.external_customer_id,
      request.wallet_id,
    );
    if (!record) {
      throw new DomainError(ErrorCode.WalletNotFound, `wallet "${request.wallet_id}" not found`);
    }
    const { transactions, totalCount } = await this.repository.transactionsPage(
      request.organization_id,
      request.wallet_id,
      { skip: (request.page - 1) * request.per_page, limit: request.per_page },
    );
    return {
      wallet: toWalletView(record),
      wallet_transactions: transactions.map(toWalletTransactionView),
      meta: paginationMeta(request.page, request.per_page, totalCount),
    };
  }
}
