import { defineEvent } from '../../kit/event-contract';
import { upstreamWalletSchema } from '../wallet.schema';

/** Upstream: a prepaid-credit wallet was updated (the whole wallet). */
export const WalletUpdated = defineEvent('wallet.updated', upstreamWalletSchema);
