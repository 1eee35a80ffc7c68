import 'reflect-metadata';
import { createMessagingMicroservice } from '@portico/messaging';
import { closeOnSignals, createLogger, serveServiceOps } from '@portico/runtime';
import { AppModule } from './app.module';
import { loadCustomerServiceConfig } from './config/customer-service.config';

async function bootstrap(): Promise<void> {
  const config = loadCustomerServiceConfig();
  // A Nest microservice on Portico's RabbitMQ transport: no HTTP API (METRICS_PORT opens
  // /metrics and /health beside it).
  const app = await createMessagingMicroservice(AppModule.register(config), {
    logger: createLogger(config.logging),
  });
  await app.listen();
  closeOnSignals(app, 'CustomerService');
  await serveServiceOps(app, config.ops);
}

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
