import { defineEvent } from '../../kit/event-contract';
import { upstreamWalletTransactionSchema } from '../wallet.schema';

/** Upstream: a wallet transaction was created (the whole transaction). */
export const WalletTransactionCreated = defineEvent(
  'wallet_transaction.created',
  upstreamWalletTransactionSchema,
);
