import type { Channel, ChannelModel, ConfirmChannel, Options } from 'amqplib';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AmqpConnection } from './amqp-connection';

export class PublishTimeoutError extends Error {
  constructor(target: string, timeoutMs: number, cause?: string) {
    super(
      `broker did not confirm a message to ${target} within ${timeoutMs} ms` +
        (cause ? ` (${cause})` : ''),
    );
    this.name = 'PublishTimeoutError';
  }
}

/**
 * A confirm channel that survives reconnects. `publish` resolves only once the broker has taken
 * responsibility for the message (publisher confirm); if the connection drops first, it publishes
 * again on the next connection until its deadline. The broker may then hold a message twice,
 * which effectively-once consumers absorb; it never holds it zero times while we report success.
 */
export class ReliablePublisher {
  private channel?: ConfirmChannel;
  private readonly setup = async (model: ChannelModel) => {
    const channel = await model.createConfirmChannel();
    channel.on('error', () => undefined);
    channel.on('close', () => {
      if (this.channel === channel) this.channel = undefined;
    });
    await this.onChannel?.(channel, () => model.createChannel());
    this.channel = channel;
  };

  constructor(
    private readonly connection: AmqpConnection,
    private readonly timeoutMs: number,
    private readonly onChannel?: (
      channel: ConfirmChannel,
      openProbe: () => Promise<Channel>,
    ) => Promise<void>,
  ) {}

  async start(): Promise<void> {
    await this.connection.addSetup(this.setup);
  }

  async publish(
    exchange: string,
    routingKey: string,
    content: Buffer,
    options: Options.Publish,
  ): Promise<void> {
    const target = exchange ? `exchange "${exchange}"` : `queue "${routingKey}"`;
    const deadline = Date.now() + this.timeoutMs;
    let lastError: string | undefined;
    while (Date.now() < deadline) {
      const channel = this.channel ?? (await this.waitForChannel(deadline));
      if (!channel) break;
      try {
        await publishConfirmed(channel, exchange, routingKey, content, options);
        return;
      } catch (error) {
        lastError = (error as Error).message;
        // A nack means the broker refused the message itself: retrying cannot help.
        if (error instanceof NackError) throw error;
        if (this.channel === channel) this.channel = undefined;
        await sleep(50);
      }
    }
    throw new PublishTimeoutError(target, this.timeoutMs, lastError);
  }

  private async waitForChannel(deadline: number): Promise<ConfirmChannel | undefined> {
    while (Date.now() < deadline) {
      if (this.channel) return this.channel;
      await this.connection
        .waitForConnection(Math.max(1, deadline - Date.now()))
        .catch(() => undefined);
      if (!this.channel) await sleep(20);
    }
    return this.channel;
  }

  async stop(): Promise<void> {
    this.connection.removeSetup(this.setup);
    const channel = this.channel;
    this.channel = undefined;
    await channel?.close().catch(() => undefined);
  }
}

export class NackError extends Error {
  constructor(target: string) {
    super(`broker refused (nacked) a message to ${target}`);
    this.name = 'NackError';
  }
}

function publishConfirmed(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  content: Buffer,
  options: Options.Publish,
): Promise<void> {
  // amqplib (>= 1.0.5) calls every pending confirm callback with an error when the channel
  // closes, so a lost connection surfaces here instead of hanging.
  return new Promise((resolve, reject) => {
    try {
      channel.publish(exchange, routingKey, content, options, (err) => {
        if (!err) resolve();
        else if ((err as Error).message === 'message nacked')
          reject(new NackError(exchange || routingKey));
        else reject(err as Error);
      });
    } catch (error) {
      reject(error as Error);
    }
  });
}
