import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { connectMessagingTransport } from '@portico/messaging';
import { createLogger } from '@portico/runtime';
import { AppModule } from './app.module';
import type { GatewayConfig } from './config/gateway.config';
import rateLimit from '@fastify/rate-limit';
import { DomainError, ErrorCode } from '@portico/contracts';
import type { FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { RateLimiter } from './http/rate-limits/rate-limiter';
import { cutOffSlowRequests } from './http/hardening/request-deadline';
import { applySecurityHeaders } from './http/hardening/security-headers';
import { encodePagesOnce } from './http/requests/encode-pages-once';
import { recordHttpMetrics } from './metrics/http-metrics';
import { followRequests } from './http/requests/request-context';
import { setupOpenApi } from './http/openapi/setup-openapi';
import { jsonUnlessRawBody } from './http/requests/raw-json-body';
import { requestIdFor } from './http/requests/request-id';

/** Builds the HTTP app without listening, so tests start it exactly as production does. */
export async function createGateway(config: GatewayConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config),
    gatewayHttpAdapter(config),
    { logger: createLogger(config.logging) },
  );
  return configureGateway(app, config);
}

export function gatewayHttpAdapter(config: GatewayConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: requestIdFor,
    // Portal tokens ride in the path and are longer than Fastify's default limit of 100.
    maxParamLength: 2_048,
    trustProxy: config.trustProxy,
    // Headers within this (the body: cutOffSlowRequests); an idle socket goes sooner.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    http: {
      // A Lago webhook signed with `jwt` carries the whole body again in X-Lago-Signature.
      maxHeaderSize: 64 * 1_024,
      // Node checks request timeouts on this interval (30 s by default): a timeout of a few
      // seconds would otherwise be enforced up to 30 s late.
      connectionsCheckingInterval: Math.min(1_000, config.requestTimeoutMs),
    },
  });
}

/**
 * Everything around the Nest app that the HTTP edge adds: body parsing, request ids, metrics,
 * rate limits, security headers, OpenAPI. Shared with the in-process test tier (which builds the
 * app with @nestjs/testing), so both answer exactly alike.
 */
export async function configureGateway(
  app: NestFastifyApplication,
  config: GatewayConfig,
): Promise<NestFastifyApplication> {
  app.useBodyParser(
    'application/json',
    { bodyLimit: config.bodyLimitBytes },
    jsonUnlessRawBody(app.getHttpAdapter().getInstance(), config.jsonMaxDepth),
  );
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply) => {
      void reply.header('x-request-id', request.id);
    });
  const fastify = app.getHttpAdapter().getInstance();
  followRequests(fastify);
  cutOffSlowRequests(fastify, config.requestTimeoutMs);
  recordHttpMetrics(fastify);
  await registerRateLimits(app, config);
  applySecurityHeaders(fastify, config.publicUrl);
  encodePagesOnce(fastify);
  setupOpenApi(app, config.publicUrl);
  // Cache invalidations arrive as @HandleEvent handlers: start them with startAllMicroservices().
  connectMessagingTransport(app);
  return app;
}

/**
 * @fastify/rate-limit counts; RateLimiter decides what is counted (see there). With
 * RATE_LIMIT_STORE=redis every gateway shares one count in Redis/Valkey; a store that is away
 * lets requests through (logged) rather than taking the whole API down with it.
 */
async function registerRateLimits(
  app: NestFastifyApplication,
  config: GatewayConfig,
): Promise<void> {
  const { redisUrl } = config.rateLimits;
  const redis = redisUrl
    ? new Redis(redisUrl, {
        // Fail fast while Redis is away instead of queueing every request behind it.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2_000,
        lazyConnect: false,
      })
    : undefined;
  redis?.on('error', () => undefined);
  const fastify = app.getHttpAdapter().getInstance();
  const { perAddress, windowMs } = config.rateLimits;
  const off = {
    'x-ratelimit-limit': false,
    'x-ratelimit-remaining': false,
    'x-ratelimit-reset': false,
  };
  await app.register(rateLimit as never, {
    // A flood guard on every route (health, docs, assets included), per client address and far
    // above what one client needs; the per-principal limits are RateLimiter's.
    global: perAddress > 0,
    max: perAddress,
    timeWindow: windowMs,
    keyGenerator: (request: FastifyRequest) => `address:${request.ip}`,
    cache: 100_000,
    addHeadersOnExceeding: off,
    errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) =>
      new DomainError(
        ErrorCode.TooManyRequests,
        `too many requests from this address; retry in ${context.after}`,
      ),
    redis,
    nameSpace: `portico-rate-limit:${config.messaging.namespace}`,
    skipOnError: true,
  });
  if (redis) fastify.addHook('onClose', async () => void (await redis.quit().catch(() => 0)));
  app.get(RateLimiter).attach(fastify);
}
