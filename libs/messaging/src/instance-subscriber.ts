import { Logger } from '@nestjs/common';
import type { EventContract } from '@portico/contracts';
import type { Channel, ChannelModel } from 'amqplib';
import type { AmqpConnection } from './amqp-connection';
import type { EventHandler } from './event-consumer';
import { parseEvent } from './event-parsing';
import { describeError } from './failure-policy';
import { Header } from './message-headers';
import { declareEventsExchange } from './topology';

/**
 * Every instance of an app gets its own copy of some events (cache invalidation), unlike the
 * service queue where instances compete. The queue is exclusive and vanishes with the connection:
 * what this carries is a hint to forget something, so an instance that was away simply starts
 * with an empty cache. Failures are logged, never retried.
 */
export class InstanceSubscriber {
  private readonly logger: Logger;
  private readonly contracts = new Map<string, EventContract>();
  /** Several caches may forget on the same event: each registered handler hears it. */
  private readonly handlers = new Map<string, EventHandler[]>();
  private channel?: Channel;

  private readonly setup = async (model: ChannelModel) => {
    const channel = await model.createChannel();
    channel.on('error', () => undefined);
    const exchange = await declareEventsExchange(channel, this.namespace, () =>
      model.createChannel(),
    );
    const { queue } = await channel.assertQueue('', {
      exclusive: true,
      autoDelete: true,
      durable: false,
    });
    for (const type of this.contracts.keys()) await channel.bindQueue(queue, exchange, type);
    await channel.consume(
      queue,
      (message) => {
        if (!message) return;
        const parsed = parseEvent(message.content, this.contracts);
        if (!parsed.ok) {
          this.logger.warn(`ignoring ${message.fields.routingKey}: ${parsed.reason}`);
          return;
        }
        const headers = message.properties.headers ?? {};
        const context = {
          messageId: message.properties.messageId as string | undefined,
          routingKey: parsed.contract.type,
          redelivered: message.fields.redelivered,
          attempt: 1,
          correlationId: headers[Header.CorrelationId] as string | undefined,
        };
        // Each handler on its own: one that throws (or returns no promise) never skips the next.
        for (const handler of this.handlers.get(parsed.contract.type) ?? []) {
          Promise.resolve()
            .then(() => handler(parsed.event, context))
            .catch((error: unknown) =>
              this.logger.error(`handler failed: ${describeError(error)}`),
            );
        }
      },
      { noAck: true },
    );
    this.channel = channel;
  };

  constructor(
    private readonly connection: AmqpConnection,
    private readonly namespace: string,
    appName: string,
  ) {
    this.logger = new Logger(`InstanceSubscriber(${appName})`);
  }

  get handledTypes(): string[] {
    return [...this.contracts.keys()];
  }

  register<C extends EventContract>(contract: C, handler: EventHandler<C>): void {
    this.contracts.set(contract.type, contract);
    this.handlers.set(contract.type, [
      ...(this.handlers.get(contract.type) ?? []),
      handler as EventHandler,
    ]);
  }

  async start(): Promise<void> {
    await this.connection.addSetup(this.setup);
  }

  async stop(): Promise<void> {
    this.connection.removeSetup(this.setup);
    await this.channel?.close().catch(() => undefined);
    this.channel = undefined;
  }
}
