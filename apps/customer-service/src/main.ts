import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { logLevelsFrom } from '@portico/config';
import { closeOnSignals } from '@portico/runtime';
import { AppModule } from './app.module';
import { loadCustomerServiceConfig } from './config/customer-service.config';

async function bootstrap(): Promise<void> {
  const config = loadCustomerServiceConfig();
  // No HTTP listener: this service is reached only through RabbitMQ.
  const app = await NestFactory.createApplicationContext(AppModule.register(config), {
    logger: logLevelsFrom(config.logLevel),
  });
  closeOnSignals(app, 'CustomerService');
}

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
