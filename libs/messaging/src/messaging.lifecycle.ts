import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { AmqpConnection } from './amqp-connection';
import { AmqpTransport } from './amqp-transport';
import { EventPublisher } from './event-publisher';
import { InstanceSubscriber } from './instance-subscriber';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging-options';
import { RpcClient } from './rpc-client';

/**
 * Connects before the transport starts consuming (Nest starts a microservice's transport after
 * the bootstrap hooks), and tears down in the order that loses nothing: stop consuming and
 * finish in-flight work (before the database closes), then close the connection.
 */
@Injectable()
export class MessagingLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly connection: AmqpConnection,
    private readonly publisher: EventPublisher,
    private readonly rpcClient: RpcClient,
    private readonly transport: AmqpTransport,
    private readonly instanceSubscriber: InstanceSubscriber,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.refuseHandlersOnProviders();
    await this.connection.start(this.options.connectTimeoutMs);
    await this.publisher.start();
    await this.rpcClient.start();
  }

  /** A standalone microservice closed its transport already; a hybrid app closes it after this. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.instanceSubscriber.stop();
    await this.rpcClient.stop();
    await this.publisher.stop();
    await this.connection.close();
  }

  /**
   * Nest serves `@HandleRpc` / `@HandleEvent` only on controllers; on a provider they would be
   * ignored without a word and its messages never consumed. Refuse to start instead.
   */
  private refuseHandlersOnProviders(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const key of this.scanner.getAllMethodNames(prototype)) {
        if (Reflect.getMetadata(PATTERN_METADATA, prototype[key] as object) !== undefined) {
          throw new Error(
            `${wrapper.name}.${key} handles messages but ${wrapper.name} is a provider: ` +
              `list it under its module's controllers`,
          );
        }
      }
    }
  }
}
