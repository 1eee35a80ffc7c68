import { defineEvent } from '../event-contract';
import { upstreamWalletTransactionSchema } from '../wallets/wallet.schema';

/** Upstream: a wallet transaction was created (the whole transaction). */
export const WalletTransactionCreated = defineEvent(
  'wallet_transaction.created',
  upstreamWalletTransactionSchema,
);
