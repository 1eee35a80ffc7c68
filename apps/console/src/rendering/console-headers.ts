import type { FastifyReply } from 'fastify';

/**
 * Every console page: never framed, only its own script and stylesheet, no inline script, forms
 * only to itself and to the portal (the "Customer portal" button's redirect is a form action).
 */
export function setConsoleHeaders(reply: FastifyReply, portalOrigin: string): void {
  void reply
    .header(
      'content-security-policy',
      [
        "default-src 'none'",
        "style-src 'self'",
        "script-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data:",
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
