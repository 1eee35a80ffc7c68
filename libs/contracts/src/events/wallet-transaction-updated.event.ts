import { defineEvent } from '../event-contract';
import { upstreamWalletTransactionSchema } from '../wallets/wallet.schema';

/** Upstream: a wallet transaction was updated (the whole transaction). */
export const WalletTransactionUpdated = defineEvent(
  'wallet_transaction.updated',
  upstreamWalletTransactionSchema,
);
