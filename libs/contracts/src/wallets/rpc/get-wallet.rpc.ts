import { z } from 'zod';
import { paginationMetaSchema } from '../../kit/common-schemas';
import { externalIdSchema } from '../../customers/customer.schema';
import { defineRpc } from '../../kit/rpc-contract';
import {
  upstreamWalletIdSchema,
  walletTransactionViewSchema,
  walletViewSchema,
} from '../wallet.schema';

export const MAX_WALLET_TRANSACTIONS_PAGE_SIZE = 100;

/**
 * One active wallet of the customer with a page of its transactions, newest first. Another
 * customer's wallet, or a terminated one, is WalletNotFound.
 */
export const GetWallet = defineRpc({
  name: 'invoice-service.wallets.get.v1',
  service: 'invoice-service',
  request: z.object({
    organization_id: z.string().min(1),
    external_customer_id: externalIdSchema,
    wallet_id: upstreamWalletIdSchema,
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    per_page: z.coerce.number().int().min(1).max(MAX_WALLET_TRANSACTIONS_PAGE_SIZE).default(20),
  }),
  response: z.object({
    wallet: walletViewSchema,
    wallet_transactions: z.array(walletTransactionViewSchema),
    meta: paginationMetaSchema,
  }),
});
