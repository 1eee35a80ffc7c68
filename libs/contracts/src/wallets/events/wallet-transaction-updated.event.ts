import { defineEvent } from '../../kit/event-contract';
import { upstreamWalletTransactionSchema } from '../wallet.schema';

/** Upstream: a wallet transaction was updated (the whole transaction). */
export const WalletTransactionUpdated = defineEvent(
  'wallet_transaction.updated',
  upstreamWalletTransactionSchema,
);
