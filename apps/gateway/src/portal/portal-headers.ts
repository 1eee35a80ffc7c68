import type { FastifyReply } from 'fastify';

/**
 * Headers of every portal page. The token rides in the URL, so no referrer may leak it; the page
 * loads nothing from elsewhere; only the organization's own origins may frame it.
 */
export function setPortalHeaders(reply: FastifyReply, frameAncestors: string[] | '*'): void {
  const ancestors = frameAncestors === '*' ? '*' : ["'self'", ...frameAncestors].join(' ');
  void reply
    .header(
      'content-security-policy',
      [
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self' data:",
        "form-action 'self'",
        "base-uri 'none'",
        `frame-ancestors ${ancestors}`,
      ].join('; '),
    )
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .header('content-type', 'text/html; charset=utf-8');
}
