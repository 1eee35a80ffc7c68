import { defineEvent } from '../../kit/event-contract';
import { upstreamWalletSchema } from '../wallet.schema';

/** Upstream: a prepaid-credit wallet was created (the whole wallet). */
export const WalletCreated = defineEvent('wallet.created', upstreamWalletSchema);
