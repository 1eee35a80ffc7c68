import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
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
}
