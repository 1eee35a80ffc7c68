import type { FastifyInstance } from 'fastify';

/**
 * Headers every response carries. Routes that set their own (the portal's per-organization CSP
 * and frame-ancestors, the PDF downloads) keep theirs: these fill in only what is missing. No
 * X-Frame-Options: the portal is framed by each organization's embed origins, which its
 * `frame-ancestors` decides.
 */
export function applySecurityHeaders(fastify: FastifyInstance, publicUrl: string): void {
  const https = publicUrl.startsWith('https://');
  fastify.addHook('onSend', async (_request, reply, payload) => {
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
    return payload;
  });
}
