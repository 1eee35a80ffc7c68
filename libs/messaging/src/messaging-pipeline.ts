import type { INestApplication, INestMicroservice, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestMicroservice, type AsyncMicroserviceOptions } from '@nestjs/microservices';
import { AmqpTransport } from './amqp-transport';
import { CorrelationInterceptor } from './correlation.interceptor';
import { RpcErrorFilter } from './rpc-error.filter';

/**
 * What every message handler runs inside, whatever the app: the correlation id around it, and
 * its failures mapped once to RPC errors. Must be applied before the listeners are registered.
 */
export function useMessagingPipeline(microservice: INestMicroservice): void {
  microservice.useGlobalInterceptors(new CorrelationInterceptor());
  microservice.useGlobalFilters(new RpcErrorFilter());
}

/**
 * A service that is reached only over RabbitMQ: a Nest microservice on Portico's transport.
 * The transport comes from the app's own container (it drives the engines MessagingModule made).
 */
export async function createMessagingMicroservice(
  module: object,
  options: Pick<NestApplicationOptions, 'logger' | 'bufferLogs' | 'abortOnError'> = {},
): Promise<INestMicroservice> {
  const async: AsyncMicroserviceOptions = {
    inject: [AmqpTransport],
    useFactory: (strategy: AmqpTransport) => ({ strategy }),
  };
  const microservice = await NestFactory.createMicroservice(module as never, {
    ...options,
    ...async,
  });
  useMessagingPipeline(microservice);
  return microservice;
}

/**
 * An HTTP app that also handles messages (the gateway's cache invalidations): a hybrid app.
 * Nest registers a connected microservice's listeners at once, before global enhancers could be
 * set; deferring and finishing the registration here puts the pipeline in place first, without
 * running the app's init hooks a second time. Start it with `app.startAllMicroservices()`.
 */
export function connectMessagingTransport(app: INestApplication): INestMicroservice {
  const microservice = app.connectMicroservice(
    { strategy: app.get(AmqpTransport) },
    { deferInitialization: true },
  );
  if (!(microservice instanceof NestMicroservice)) {
    throw new Error('connectMicroservice returned no NestMicroservice');
  }
  useMessagingPipeline(microservice);
  microservice.registerListeners();
  microservice.setIsInitialized(true);
  microservice.setIsInitHookCalled(true);
  return microservice;
}
