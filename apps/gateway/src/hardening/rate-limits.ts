import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GatewayConfig } from '../config/gateway.config';
import { setPortalHeaders } from '../portal/portal-headers';
import { FixedWindowLimiter } from './fixed-window-limiter';

const PORTAL_TOKEN = /^\/customer-portal\/([^/?]+)/;

/**
 * 429 with `Retry-After` once an API key (on /api/v1) or a portal token (on /customer-portal)
 * used up its window. Checked before authentication, so guessing keys is limited too: a request
 * without a key is counted by client address. Keys are hashed: no secret is held as a map key.
 */
export function applyRateLimits(
  fastify: FastifyInstance,
  limits: GatewayConfig['rateLimits'],
  /** The portal is a page in an iframe: it gets a page saying so, not JSON. */
  portalPage?: (request: FastifyRequest) => string,
): void {
  const api = limits.api > 0 ? new FixedWindowLimiter(limits.api, limits.windowMs) : undefined;
  const portal =
    limits.portal > 0 ? new FixedWindowLimiter(limits.portal, limits.windowMs) : undefined;
  fastify.addHook('onRequest', async (request, reply) => {
    const target = limiterFor(request, api, portal);
    if (!target) return;
    const result = target.limiter.take(target.key);
    void reply.header('x-ratelimit-limit', target.limiter.limit);
    void reply.header('x-ratelimit-remaining', result.remaining);
    if (result.allowed) return;
    if (target.limiter === portal && portalPage) {
      setPortalHeaders(reply, '*');
      await reply
        .status(429)
        .header('retry-after', String(result.retryAfterSeconds))
        .send(portalPage(request));
      return;
    }
    await reply
      .status(429)
      .header('retry-after', String(result.retryAfterSeconds))
      .header('content-type', 'application/json; charset=utf-8')
      .send({
        status: 429,
        error: 'Too Many Requests',
        code: 'rate_limited',
        message: `too many requests; retry in ${result.retryAfterSeconds} s`,
      });
  });
}

function limiterFor(
  request: FastifyRequest,
  api: FixedWindowLimiter | undefined,
  portal: FixedWindowLimiter | undefined,
): { limiter: FixedWindowLimiter; key: string } | undefined {
  const url = request.url;
  if (api && url.startsWith('/api/v1/')) {
    const authorization = request.headers.authorization;
    return { limiter: api, key: authorization ? digest(authorization) : `ip:${request.ip}` };
  }
  const token = portal && PORTAL_TOKEN.exec(url)?.[1];
  if (portal && token) return { limiter: portal, key: digest(token) };
  return undefined;
}

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
