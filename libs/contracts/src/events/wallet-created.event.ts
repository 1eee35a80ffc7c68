import { defineEvent } from '../event-contract';
import { upstreamWalletSchema } from '../wallets/wallet.schema';

/** Upstream: a prepaid-credit wallet was created (the whole wallet). */
export const WalletCreated = defineEvent('wallet.created', upstreamWalletSchema);
