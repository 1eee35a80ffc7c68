import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { RpcContract } from '@portico/contracts';
import { AmqpConnection } from './amqp-connection';
import { EventConsumer, type EventHandler } from './event-consumer';
import { EventPublisher } from './event-publisher';
import { EVENT_HANDLER, RPC_HANDLER, type EventHandlerMetadata } from './handler.decorators';
import { InstanceSubscriber } from './instance-subscriber';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging-options';
import { RpcClient } from './rpc-client';
import { RpcServer, type RpcHandler } from './rpc-server';

/**
 * Wires decorated handlers to the broker once every provider exists, and tears down in the order
 * that loses nothing: stop consuming and finish in-flight work (before the database closes), then
 * close the connection.
 */
@Injectable()
export class MessagingLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('Messaging');

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly connection: AmqpConnection,
    private readonly publisher: EventPublisher,
    private readonly rpcClient: RpcClient,
    private readonly consumer: EventConsumer,
    private readonly rpcServer: RpcServer,
    private readonly instanceSubscriber: InstanceSubscriber,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.registerHandlers();
    await this.connection.start(this.options.connectTimeoutMs);
    await this.publisher.start();
    await this.rpcClient.start();
    if (this.consumer.handledTypes.length > 0) {
      await this.consumer.start();
      this.logger.log(
        `consuming ${this.consumer.queues.events}: ${this.consumer.handledTypes.join(', ')}`,
      );
    }
    if (this.instanceSubscriber.handledTypes.length > 0) {
      await this.instanceSubscriber.start();
    }
    if (this.rpcServer.handledNames.length > 0) {
      await this.rpcServer.start();
      this.logger.log(`answering ${this.rpcServer.handledNames.join(', ')}`);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    const timeout = this.options.shutdownTimeoutMs;
    await Promise.all([this.consumer.stop(timeout), this.rpcServer.stop(timeout)]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.instanceSubscriber.stop();
    await this.rpcClient.stop();
    await this.publisher.stop();
    await this.connection.close();
  }

  private registerHandlers(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const key of this.scanner.getAllMethodNames(prototype)) {
        const method = instance[key] as (...args: unknown[]) => Promise<unknown>;
        const event = Reflect.getMetadata(EVENT_HANDLER, method) as
          EventHandlerMetadata | undefined;
        if (event) {
          const target = event.scope === 'instance' ? this.instanceSubscriber : this.consumer;
          target.register(event.contract, method.bind(instance) as EventHandler);
        }
        const rpc = Reflect.getMetadata(RPC_HANDLER, method) as RpcContract | undefined;
        if (rpc) this.rpcServer.register(rpc, method.bind(instance) as RpcHandler);
      }
    }
  }
}
