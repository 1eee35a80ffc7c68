import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger } from '@portico/runtime';
import { AppModule } from './app.module';
import type { GatewayConfig } from './config/gateway.config';
import { applyRateLimits } from './hardening/rate-limits';
import { PortalAssets } from './portal/portal-assets';
import { rateLimitedPortalPage } from './portal/portal-error.filter';
import { PortalViews } from './portal/portal-views';
import { applySecurityHeaders } from './hardening/security-headers';
import { recordHttpMetrics } from './metrics/http-metrics';
import { followRequests } from './requests/request-context';
import { setupOpenApi } from './openapi/setup-openapi';
import { jsonUnlessRawBody } from './requests/raw-json-body';
import { requestIdFor } from './requests/request-id';

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
    // A Lago webhook signed with `jwt` carries the whole body again in X-Lago-Signature.
    http: { maxHeaderSize: 64 * 1_024 },
  });
}

/**
 * Everything around the Nest app that the HTTP edge adds: body parsing, request ids, metrics,
 * rate limits, security headers, OpenAPI. Shared with the in-process test tier (which builds the
 * app with @nestjs/testing), so both answer exactly alike.
 */
export function configureGateway(
  app: NestFastifyApplication,
  config: GatewayConfig,
): NestFastifyApplication {
  app.useBodyParser(
    'application/json',
    { bodyLimit: config.bodyLimitBytes },
    jsonUnlessRawBody(app.getHttpAdapter().getInstance()),
  );
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply) => {
      void reply.header('x-request-id', request.id);
    });
  const fastify = app.getHttpAdapter().getInstance();
  followRequests(fastify);
  recordHttpMetrics(fastify);
  const [views, assets] = [app.get(PortalViews), app.get(PortalAssets)];
  applyRateLimits(fastify, config.rateLimits, (request) =>
    rateLimitedPortalPage(views, assets, request.headers['accept-language']),
  );
  applySecurityHeaders(fastify, config.publicUrl);
  setupOpenApi(app, config.publicUrl);
  return app;
}
