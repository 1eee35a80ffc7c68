import { defineEvent } from '../event-contract';
import { upstreamWalletSchema } from '../wallets/wallet.schema';

/** Upstream: a prepaid-credit wallet was updated (the whole wallet). */
export const WalletUpdated = defineEvent('wallet.updated', upstreamWalletSchema);
