import { connect, type ChannelModel, type ConfirmChannel, type GetMessage } from 'amqplib';

/** Raw broker access for tests: inspect and clean up queues the code under test declared. */
export class BrokerAdmin {
  private constructor(
    private readonly model: ChannelModel,
    private readonly channel: ConfirmChannel,
  ) {}

  static async connect(url: string): Promise<BrokerAdmin> {
    const model = await connect(url);
    const channel = await model.createConfirmChannel();
    return new BrokerAdmin(model, channel);
  }

  /** Messages ready in the queue; -1 when the queue does not exist (yet). */
  async messageCount(queue: string): Promise<number> {
    // A check on a missing queue closes the channel it ran on: use a throwaway one.
    const channel = await this.model.createChannel();
    channel.on('error', () => undefined);
    try {
      return (await channel.checkQueue(queue)).messageCount;
    } catch {
      return -1;
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  /** Consumers on the queue; -1 when the queue does not exist (yet). */
  async consumerCount(queue: string): Promise<number> {
    const channel = await this.model.createChannel();
    channel.on('error', () => undefined);
    try {
      return (await channel.checkQueue(queue)).consumerCount;
    } catch {
      return -1;
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  /** Takes (and acks) every message currently in the queue. */
  async drain(queue: string): Promise<GetMessage[]> {
    const messages: GetMessage[] = [];
    for (;;) {
      const message = await this.channel.get(queue, { noAck: true });
      if (!message) return messages;
      messages.push(message);
    }
  }

  /** Publishes like an external system would, and waits for the broker's confirm. */
  async publishRaw(exchange: string, routingKey: string, body: string | Buffer): Promise<void> {
    this.channel.publish(exchange, routingKey, Buffer.isBuffer(body) ? body : Buffer.from(body), {
      persistent: true,
      contentType: 'application/json',
    });
    await this.channel.waitForConfirms();
  }

  /** Many messages, one wait for all the confirms: fast enough to build a backlog. */
  async publishMany(
    exchange: string,
    messages: { routingKey: string; body: string }[],
  ): Promise<void> {
    for (const { routingKey, body } of messages) {
      if (
        !this.channel.publish(exchange, routingKey, Buffer.from(body), {
          persistent: true,
          contentType: 'application/json',
        })
      ) {
        await new Promise((resolve) => this.channel.once('drain', resolve));
      }
    }
    await this.channel.waitForConfirms();
  }

  async deleteQueues(names: string[]): Promise<void> {
    for (const name of names) await this.channel.deleteQueue(name).catch(() => undefined);
  }

  async deleteExchanges(names: string[]): Promise<void> {
    for (const name of names) await this.channel.deleteExchange(name).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.model.close().catch(() => undefined);
  }
}
