import type { OutboundGuard, OutboundRequest } from '@portico/outbound';

export interface GuardedFetchLimits {
  timeoutMs: number;
  maxResponseBytes: number;
}

type Method = NonNullable<OutboundRequest['method']>;
const METHODS: ReadonlySet<string> = new Set<Method>(['GET', 'POST', 'PUT', 'DELETE']);

/**
 * A `fetch` for Lago's client that goes through the OutboundGuard: an operator-given Lago URL is
 * reached only if it is public (or allow-listed), within a time and size budget, never following
 * a redirect.
 */
export function guardedFetch(guard: OutboundGuard, limits: GuardedFetchLimits): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    if (!METHODS.has(method)) throw new TypeError(`Lago API: unsupported method ${method}`);
    const answer = await guard.request(url, {
      method: method as Method,
      headers: headersOf(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
      ...limits,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    }
    const bodyless = answer.status === 204 || answer.status === 304;
    return new Response(bodyless ? null : new Uint8Array(answer.body), {
      status: answer.status,
      headers,
    });
  };
}

function headersOf(headers: RequestInit['headers']): Record<string, string> {
  return Object.fromEntries(new Headers(headers).entries());
}
