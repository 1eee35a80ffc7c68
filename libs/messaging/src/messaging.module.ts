import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AmqpClientProxy } from './amqp-client-proxy';
import { AmqpConnection } from './amqp-connection';
import { AmqpTransport } from './amqp-transport';
import { EventConsumer } from './event-consumer';
import { EventPublisher } from './event-publisher';
import { InstanceSubscriber } from './instance-subscriber';
import { MessagingLifecycle } from './messaging.lifecycle';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging-options';
import { RpcClient } from './rpc-client';
import { brokerUserOf } from './publisher-identity';
import { RpcServer } from './rpc-server';
import { ServiceClient } from './service-client';
import { eventsExchangeName } from './topology';

const DEFAULT_PUBLISH_TIMEOUT_MS = 15_000;

/**
 * The only place an app gets broker access. Provides EventPublisher, AmqpClientProxy and
 * ServiceClient to inject, and AmqpTransport, the Nest microservice strategy that serves the
 * app's `@HandleEvent` / `@HandleRpc` controller methods (see messaging-pipeline.ts).
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: AmqpConnection,
          inject: [MESSAGING_OPTIONS],
          useFactory: (o: MessagingOptions) => new AmqpConnection(o.url, o.appName),
        },
        {
          provide: EventPublisher,
          inject: [AmqpConnection, MESSAGING_OPTIONS],
          useFactory: (c: AmqpConnection, o: MessagingOptions) =>
            new EventPublisher(
              c,
              o.namespace,
              o.publishTimeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS,
              brokerUserOf(o.url),
            ),
        },
        {
          provide: RpcClient,
          inject: [AmqpConnection, MESSAGING_OPTIONS],
          useFactory: (c: AmqpConnection, o: MessagingOptions) =>
            new RpcClient(c, o.namespace, o.rpcTimeoutMs),
        },
        {
          provide: EventConsumer,
          inject: [AmqpConnection, MESSAGING_OPTIONS],
          useFactory: (c: AmqpConnection, o: MessagingOptions) =>
            new EventConsumer(c, {
              namespace: o.namespace,
              service: o.appName,
              prefetch: o.prefetch,
              queueType: o.queueType,
              retryDelayMs: o.retryDelayMs,
              maxAttempts: o.maxAttempts,
              publishTimeoutMs: o.publishTimeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS,
              publishers: {
                exchange: eventsExchangeName(o.namespace),
                trusted: new Set(o.trustedPublishers ?? []),
              },
            }),
        },
        {
          provide: RpcServer,
          inject: [AmqpConnection, MESSAGING_OPTIONS],
          useFactory: (c: AmqpConnection, o: MessagingOptions) =>
            new RpcServer(c, o.namespace, o.appName, o.prefetch),
        },
        {
          provide: InstanceSubscriber,
          inject: [AmqpConnection, MESSAGING_OPTIONS],
          useFactory: (c: AmqpConnection, o: MessagingOptions) =>
            new InstanceSubscriber(c, o.namespace, o.appName),
        },
        AmqpTransport,
        AmqpClientProxy,
        ServiceClient,
        MessagingLifecycle,
      ],
      exports: [
        AmqpConnection,
        EventPublisher,
        RpcClient,
        EventConsumer,
        AmqpTransport,
        AmqpClientProxy,
        ServiceClient,
      ],
    };
  }
}
