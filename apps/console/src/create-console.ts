import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { connectMessagingTransport } from '@portico/messaging';
import { createLogger } from '@portico/runtime';
import { AppModule } from './app.module';
import type { ConsoleConfig } from './config/console.config';

/** Forms are small: a few fields, never files. */
const BODY_LIMIT = 64 * 1_024;

/** Builds the console's HTTP app without listening, so tests start it exactly as production does. */
export async function createConsole(config: ConsoleConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT, trustProxy: config.trustProxy }),
    { logger: createLogger(config.logging) },
  );
  // Cache invalidations arrive as @HandleEvent handlers: start them with startAllMicroservices().
  connectMessagingTransport(app);
  const fastify = app.getHttpAdapter().getInstance();
  // HTML forms post urlencoded fields: Nest's Fastify adapter parses them (@fastify/formbody).
  fastify.addHook('onSend', async (_request, reply, payload) => {
    // What every answer carries, pages or not (JSON health, assets, redirects).
    if (!reply.hasHeader('x-content-type-options'))
      void reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('x-frame-options')) void reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('content-security-policy'))
      void reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    if (config.secureCookies)
      void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    return payload;
  });
  return app;
}
