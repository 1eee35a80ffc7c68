import type { SerializedError } from '@portico/contracts';

/** The body of every RPC reply. */
export type RpcReply = { ok: true; data: unknown } | { ok: false; error: SerializedError };
