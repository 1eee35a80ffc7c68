import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@portico/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayConfig } from '../../config/gateway.config';

/** A route family: each is counted per authenticated principal, in its own buckets. */
export type RateLimitFamily = 'api' | 'portal' | 'admin' | 'webhooks' | 'files';

const LOCAL_KEYS = 100_000;

type Check = ReturnType<FastifyInstance['createRateLimit']>;
type CheckResult = Awaited<ReturnType<Check>>;

/**
 * Rate limits on what a request means, not how it is spelled: each route family counts per
 * authenticated principal (the API key, the portal session, the admin, the webhook's
 * organization, the file's organization) once its guard has authenticated it, so a decoded path,
 * a lowercase `bearer`, extra spaces or an absolute-form request line all land in the same bucket.
 * Failed authentications count per client address over every credential; once an address used up
 * its failures, it is refused before its next credential is even checked (no guessing oracle).
 *
 * The counting is @fastify/rate-limit's (`createRateLimit`), in memory or in Redis/Valkey when
 * RATE_LIMIT_STORE=redis so that every gateway shares one count.
 */
@Injectable()
export class RateLimiter {
  private readonly keys = new WeakMap<FastifyRequest, string>();
  private readonly checks = new Map<RateLimitFamily | 'auth_failures', Check>();

  constructor(@Inject(GatewayConfig) private readonly config: GatewayConfig) {}

  /** Called once the rate-limit plugin is registered on the Fastify instance. */
  attach(fastify: FastifyInstance): void {
    const { rateLimits } = this.config;
    const maxima = {
      api: rateLimits.api,
      portal: rateLimits.portal,
      admin: rateLimits.admin,
      webhooks: rateLimits.webhooks,
      files: rateLimits.files,
      auth_failures: rateLimits.authFailures,
    };
    for (const [family, max] of Object.entries(maxima) as [RateLimitFamily, number][]) {
      if (max === 0) continue;
      const options = {
        max,
        timeWindow: rateLimits.windowMs,
        keyGenerator: (request: FastifyRequest) => `${family}:${this.keys.get(request) ?? ''}`,
        // Keys held per family and gateway in memory (the least recent go first); not in the
        // plugin's types, passed on to its store all the same.
        cache: LOCAL_KEYS,
      };
      this.checks.set(family, fastify.createRateLimit(options));
    }
  }

  /** Counts one request of an authenticated principal; a 429 once it used up its window. */
  async consume(
    family: RateLimitFamily,
    principal: string,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const result = await this.run(family, principal, request, true);
    if (result) this.answer(result, reply, result.isExceeded);
  }

  /** Before checking a credential: a 429 if this address already used up its failures. */
  async refuseIfBlocked(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const result = await this.run('auth_failures', request.ip, request, false);
    // A peek counts nothing: `max` failures so far means the next attempt is one too many.
    if (result && result.remaining === 0) this.answer(result, reply, true);
  }

  /** After a credential was refused: counts the failure against the client address. */
  async countFailure(request: FastifyRequest): Promise<void> {
    await this.run('auth_failures', request.ip, request, true);
  }

  private async run(
    family: RateLimitFamily | 'auth_failures',
    key: string,
    request: FastifyRequest,
    increment: boolean,
  ): Promise<Extract<CheckResult, { isAllowed: false }> | undefined> {
    const check = this.checks.get(family);
    if (!check) return undefined;
    this.keys.set(request, key);
    const result = await check(request, { increment });
    return result.isAllowed ? undefined : result;
  }

  private answer(
    result: Extract<CheckResult, { isAllowed: false }>,
    reply: FastifyReply,
    refused: boolean,
  ): void {
    const resetSeconds = Math.max(1, result.ttlInSeconds);
    // Lago's SDKs read x-ratelimit-reset: seconds until the window starts afresh.
    void reply
      .header('x-ratelimit-limit', result.max)
      .header('x-ratelimit-remaining', Math.max(0, result.remaining))
      .header('x-ratelimit-reset', resetSeconds);
    if (!refused) return;
    void reply.header('retry-after', resetSeconds);
    throw new DomainError(
      ErrorCode.TooManyRequests,
      `too many requests; retry in ${resetSeconds} s`,
    );
  }
}
