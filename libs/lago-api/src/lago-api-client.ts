import type { LagoApiAccess } from '@portico/contracts';
import type { OutboundGuard } from '@portico/outbound';
import { Client } from 'lago-javascript-client';
import { guardedFetch, type GuardedFetchLimits } from './guarded-fetch';
import { LagoApiError } from './lago-api-error';

export type LagoClient = ReturnType<typeof Client>;

const DEFAULT_LIMITS: GuardedFetchLimits = { timeoutMs: 5_000, maxResponseBytes: 2_000_000 };

/**
 * Lago's official client for one organization's Lago, every request through the guard. The
 * client throws the raw `Response` on an HTTP error: `callLago` turns that into a LagoApiError.
 */
export function lagoClientFor(
  access: LagoApiAccess,
  guard: OutboundGuard,
  limits: Partial<GuardedFetchLimits> = {},
): LagoClient {
  return Client(access.api_key, {
    baseUrl: `${access.api_url}/api/v1`,
    customFetch: guardedFetch(guard, { ...DEFAULT_LIMITS, ...limits }),
  });
}

/** Runs one client call; any failure comes out as a LagoApiError saying what was attempted. */
export async function callLago<T>(what: string, call: () => Promise<{ data: T }>): Promise<T> {
  try {
    return (await call()).data;
  } catch (thrown) {
    throw LagoApiError.from(thrown, what);
  }
}
