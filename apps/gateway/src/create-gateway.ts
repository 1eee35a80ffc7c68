import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { logLevelsFrom } from '@portico/config';
import { AppModule } from './app.module';
import type { GatewayConfig } from './config/gateway.config';

/** Builds the HTTP app without listening, so tests start it exactly as production does. */
export async function createGateway(config: GatewayConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config),
    new FastifyAdapter({ bodyLimit: config.bodyLimitBytes }),
    { logger: logLevelsFrom(config.logLevel) },
  );
  return app;
}
