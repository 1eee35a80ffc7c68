import type { FastifyReply } from 'fastify';

export interface PortalPagePolicy {
  /** Allows the one inline `<style>` carrying the organization's brand colour. */
  styleNonce?: string;
  /** The organization's logo, the only image from elsewhere. */
  imageOrigins?: string[];
  /** Where a form may lead beyond the portal (a "Pay now" form redirects to the payment page). */
  formActionOrigins?: string[];
}

/**
 * Headers of every portal response. The token rides in the URL, so no referrer may leak it; the
 * page loads only its own script and stylesheet (plus the organization's logo), fetches only
 * from itself, and only the organization's own origins may frame it. The one `<base>` a page may
 * have is its session's own base path (layout.hbs).
 */
export function setPortalHeaders(
  reply: FastifyReply,
  frameAncestors: string[] | '*',
  policy: PortalPagePolicy = {},
): void {
  const ancestors = frameAncestors === '*' ? '*' : ["'self'", ...frameAncestors].join(' ');
  void reply
    .header(
      'content-security-policy',
      [
        "default-src 'none'",
        `style-src 'self'${policy.styleNonce ? ` 'nonce-${policy.styleNonce}'` : ''}`,
        "script-src 'self'",
        "connect-src 'self'",
        ['img-src', "'self'", 'data:', ...(policy.imageOrigins ?? [])].join(' '),
        ['form-action', "'self'", ...(policy.formActionOrigins ?? [])].join(' '),
        "base-uri 'self'",
        `frame-ancestors ${ancestors}`,
      ].join('; '),
    )
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .header('content-type', 'text/html; charset=utf-8');
}
