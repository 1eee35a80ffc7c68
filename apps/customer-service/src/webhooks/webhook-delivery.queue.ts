import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { AmqpConnection, Header, ReliablePublisher } from '@portico/messaging';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { CustomerServiceConfig } from '../config/customer-service.config';

/** What travels on the delivery queue: a pointer to the stored delivery, never its secret. */
const deliveryJobSchema = z.object({
  organization_id: z.string().min(1),
  /** Lets an attempt read the delivery and its endpoint at once. */
  endpoint_id: z.string().min(1),
  delivery_id: z.string().min(1),
  generation: z.number().int().min(0),
});
export type DeliveryJob = z.output<typeof deliveryJobSchema>;

/** What the dispatcher decided after one attempt; the queue carries it out, then acks. */
export type AttemptOutcome =
  { kind: 'done' } | { kind: 'retry'; delayMs: number } | { kind: 'dead'; reason: string };

export type AttemptHandler = (job: DeliveryJob, attempt: number) => Promise<AttemptOutcome>;

export interface DeliveryQueueNames {
  work: string;
  /** `retry(n)`: where a delivery waits after its n-th failed attempt. */
  retry: (attempt: number) => string;
  deadLetter: string;
}

export function deliveryQueueNames(namespace: string): DeliveryQueueNames {
  const base = `${namespace}customer-service.webhooks`;
  return {
    work: base,
    retry: (attempt) => `${base}.retry.${attempt}`,
    deadLetter: `${base}.dead-letter`,
  };
}

const DEPENDENCY_BACKOFF_MS = [500, 5_000] as const;
// The same bound as every other publish in the service (MessagingModule's default).
const PUBLISH_TIMEOUT_MS = 15_000;

/**
 * The webhook delivery queue. Instances compete on one durable queue with manual acks, so a
 * delivery in hand when an instance dies goes back to the queue and another instance sends it.
 * Retry delays are held by RabbitMQ, never by timers in memory: after its n-th failed attempt a
 * delivery waits in tier queue `retry.n` (per-message expiration) and dead-letters back to the
 * work queue. One tier per attempt number keeps the delays in a queue alike (they differ only by
 * jitter), so a short delay never waits behind a long one — RabbitMQ expires only at the head.
 */
@Injectable()
export class WebhookDeliveryQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookDeliveryQueue.name);
  readonly names: DeliveryQueueNames;
  private readonly publisher: ReliablePublisher;
  private handler?: AttemptHandler;
  private channel?: Channel;
  private consumerTag?: string;
  private stopping = false;
  private readonly inFlight = new Set<Promise<void>>();

  private readonly setup = async (model: ChannelModel) => {
    const channel = await model.createChannel();
    channel.on('error', () => undefined);
    await this.declare(channel);
    if (this.handler) {
      await channel.prefetch(this.config.webhooks.concurrency);
      const { consumerTag } = await channel.consume(this.names.work, (message) => {
        if (!message) return;
        const work = this.handle(channel, message).finally(() => this.inFlight.delete(work));
        this.inFlight.add(work);
      });
      this.consumerTag = consumerTag;
      this.logger.log(`delivering webhooks from ${this.names.work}`);
    }
    this.channel = channel;
  };

  constructor(
    private readonly connection: AmqpConnection,
    @Inject(CustomerServiceConfig) private readonly config: CustomerServiceConfig,
  ) {
    this.names = deliveryQueueNames(config.messaging.namespace);
    this.publisher = new ReliablePublisher(connection, PUBLISH_TIMEOUT_MS, (channel) =>
      this.declare(channel),
    );
  }

  /** Set by the dispatcher before bootstrap; without it the queue only publishes. */
  consumeWith(handler: AttemptHandler): void {
    this.handler = handler;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.publisher.start();
    await this.connection.addSetup(this.setup);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.connection.removeSetup(this.setup);
    const channel = this.channel;
    if (channel && this.consumerTag) await channel.cancel(this.consumerTag).catch(() => undefined);
    const drained = Promise.all([...this.inFlight]);
    const timeout = sleep(this.config.messaging.shutdownTimeoutMs);
    await Promise.race([drained, timeout]);
    await channel?.close().catch(() => undefined);
    await this.publisher.stop();
  }

  /** Queues a first attempt; resolves once the broker holds it. */
  async enqueue(job: DeliveryJob): Promise<void> {
    await this.publisher.publish('', this.names.work, Buffer.from(JSON.stringify(job)), {
      persistent: true,
      contentType: 'application/json',
      messageId: job.delivery_id,
      headers: { [Header.Attempt]: 1 },
    });
  }

  private async declare(channel: Channel): Promise<void> {
    const typeArgs = { 'x-queue-type': this.config.messaging.queueType };
    await channel.assertQueue(this.names.work, { durable: true, arguments: typeArgs });
    await channel.assertQueue(this.names.deadLetter, { durable: true, arguments: typeArgs });
    // Per-message expiration, not x-message-ttl: changing the schedule never conflicts with a
    // queue declared before, and the arguments below never change.
    for (let n = 1; n <= this.config.webhooks.retryScheduleMs.length; n++) {
      await channel.assertQueue(this.names.retry(n), {
        durable: true,
        arguments: {
          ...typeArgs,
          'x-dead-letter-exchange': '',
          'x-dead-letter-routing-key': this.names.work,
        },
      });
    }
  }

  private async handle(channel: Channel, message: ConsumeMessage): Promise<void> {
    const attempt = Number(message.properties.headers?.[Header.Attempt] ?? 1);
    let job: DeliveryJob;
    try {
      job = deliveryJobSchema.parse(JSON.parse(message.content.toString()));
    } catch (error) {
      await this.move(channel, message, this.names.deadLetter, {
        [Header.Reason]: `invalid_job: ${(error as Error).message}`.slice(0, 4_000),
        [Header.FailedAt]: new Date().toISOString(),
      });
      return;
    }
    let outcome: AttemptOutcome;
    try {
      outcome = await this.handler!(job, attempt);
    } catch (error) {
      // Our own dependency (the database) is away, not the receiver: nothing was decided, so the
      // message goes back whole after a pause, and an outage never burns through the schedule.
      this.logger.warn(`delivery ${job.delivery_id} postponed: ${(error as Error).message}`);
      if (!this.stopping) await sleep(backoff());
      safely(() => channel.nack(message, false, true));
      return;
    }
    switch (outcome.kind) {
      case 'done':
        safely(() => channel.ack(message));
        return;
      case 'retry':
        await this.move(
          channel,
          message,
          this.names.retry(attempt),
          { [Header.Attempt]: attempt + 1 },
          String(outcome.delayMs),
        );
        return;
      case 'dead':
        this.logger.warn(`delivery ${job.delivery_id} dead-lettered: ${outcome.reason}`);
        await this.move(channel, message, this.names.deadLetter, {
          [Header.Attempt]: attempt,
          [Header.Reason]: outcome.reason.slice(0, 4_000),
          [Header.FailedAt]: new Date().toISOString(),
          [Header.SourceQueue]: this.names.work,
        });
        return;
    }
  }

  /** Copy, then ack once the broker confirmed the copy: a crash in between leaves two, never zero. */
  private async move(
    channel: Channel,
    message: ConsumeMessage,
    queue: string,
    headers: Record<string, unknown>,
    expiration?: string,
  ): Promise<void> {
    try {
      await this.publisher.publish('', queue, message.content, {
        persistent: true,
        contentType: 'application/json',
        messageId: message.properties.messageId as string | undefined,
        expiration,
        headers: { ...withoutBrokerHeaders(message.properties.headers), ...headers },
      });
    } catch (error) {
      this.logger.error(`could not move a delivery to ${queue}: ${(error as Error).message}`);
      safely(() => channel.nack(message, false, true));
      return;
    }
    safely(() => channel.ack(message));
  }
}

function backoff(): number {
  const [min, max] = DEPENDENCY_BACKOFF_MS;
  return min + Math.random() * (max - min);
}

function withoutBrokerHeaders(headers: Record<string, unknown> | undefined) {
  return Object.fromEntries(
    Object.entries(headers ?? {}).filter(
      ([k]) => !k.startsWith('x-death') && !k.startsWith('x-first-death'),
    ),
  );
}

/** After a lost connection the channel is gone and the broker already requeued the message. */
function safely(action: () => void): void {
  try {
    action();
  } catch {
    // redelivery is the broker's job now
  }
}
