import type { FastifyReply } from 'fastify';

/** What one page may add to the policy: a nonce for one `<style>`, the origins of its images. */
export interface ConsoleCsp {
  styleNonce?: string;
  imageOrigins?: readonly string[];
}

/**
 * Every console page: never framed, only its own script and stylesheet, no inline script, forms
 * only to itself and to the portal (the "Customer portal" button's redirect is a form action).
 */
export function setConsoleHeaders(
  reply: FastifyReply,
  portalOrigin: string,
  csp: ConsoleCsp = {},
): void {
  void reply
    .header(
      'content-security-policy',
      [
        "default-src 'none'",
        ["style-src 'self'", ...(csp.styleNonce ? [`'nonce-${csp.styleNonce}'`] : [])].join(' '),
        "script-src 'self'",
        "connect-src 'self'",
        ["img-src 'self' data:", ...(csp.imageOrigins ?? [])].join(' '),
        `form-action 'self' ${portalOrigin}`,
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
    )
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .header('content-type', 'text/html; charset=utf-8');
}
