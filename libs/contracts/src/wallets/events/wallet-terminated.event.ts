import { defineEvent } from '../../kit/event-contract';
import { upstreamWalletSchema } from '../wallet.schema';

/**
 * Upstream: a prepaid-credit wallet was terminated (the whole wallet). Terminated is final: the
 * wallet leaves the portal whatever `status` says, and no later event brings it back.
 */
export const WalletTerminated = defineEvent('wallet.terminated', upstreamWalletSchema);
