import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { closeOnSignals, createLogger, serveServiceOps } from '@portico/runtime';
import { AppModule } from './app.module';
import { loadInvoiceServiceConfig } from './config/invoice-service.config';

async function bootstrap(): Promise<void> {
  const config = loadInvoiceServiceConfig();
  // No HTTP API: this service is reached only through RabbitMQ (METRICS_PORT opens /metrics, /health).
  const app = await NestFactory.createApplicationContext(AppModule.register(config), {
    logger: createLogger(config.logging),
  });
  closeOnSignals(app, 'InvoiceService');
  await serveServiceOps(app, config.ops);
}

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
