import type { FastifyInstance } from 'fastify';

/** Swagger UI sets inline styles at run time; everything else comes from this origin. */
export const API_DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Headers every response carries. Routes that set their own (the portal's per-organization CSP
 * and frame-ancestors, the PDF downloads) keep theirs: these fill in only what is missing. No
 * X-Frame-Options: the portal is framed by each organization's embed origins, which its
 * `frame-ancestors` decides.
 */
export function applySecurityHeaders(fastify: FastifyInstance, publicUrl: string): void {
  const https = publicUrl.startsWith('https://');
  fastify.addHook('onSend', async (request, reply, payload) => {
    const setDefault = (name: string, value: string) => {
      if (!reply.hasHeader(name)) void reply.header(name, value);
    };
    setDefault('x-content-type-options', 'nosniff');
    setDefault('referrer-policy', 'no-referrer');
    setDefault('x-permitted-cross-domain-policies', 'none');
    if (https) setDefault('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // JSON and PDFs are never documents to run or frame; HTML pages (portal, API docs) set
    // their own policy.
    const type = String(reply.getHeader('content-type') ?? '');
    if (/^application\/(json|pdf)/.test(type)) {
      setDefault('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    }
    // API answers name customers and invoices: no shared or browser cache keeps them.
    if (/^application\/json/.test(type)) setDefault('cache-control', 'no-store');
    // The API docs page (Swagger UI): its own scripts and styles, nothing from elsewhere.
    if (/^text\/html/.test(type) && (request.routeOptions.url ?? '').startsWith('/api/docs')) {
      setDefault('content-security-policy', API_DOCS_CSP);
    }
    return payload;
  });
}
