import { Logger } from '@nestjs/common';
import type { EventContract, EventData, EventEnvelope } from '@portico/contracts';
import type { Channel, ChannelModel, ConsumeMessage, MessagePropertyHeaders } from 'amqplib';
import type { AmqpConnection } from './amqp-connection';
import { ReliablePublisher } from './confirm-channel';
import { parseEvent } from './event-parsing';
import { describeError, isTransient } from './failure-policy';
import { InFlight } from './in-flight';
import { Header } from './message-headers';
import { messagingMetrics, reasonKind } from './messaging.metrics';
import { correlation } from './correlation';
import { publisherRefusal, type PublisherPolicy } from './publisher-identity';
import {
  declareEventsExchange,
  declareServiceEventQueues,
  serviceQueueNames,
  type ServiceQueueNames,
} from './topology';

export interface EventContext {
  messageId?: string;
  /** The event type it was published with. */
  routingKey: string;
  /** True when the broker may have delivered it before (e.g. a consumer died before its ack). */
  redelivered: boolean;
  /** 1 on first delivery, then incremented by each retry. */
  attempt: number;
  correlationId?: string;
}

export type EventHandler<C extends EventContract = EventContract> = (
  event: EventEnvelope<EventData<C>>,
  context: EventContext,
) => Promise<void>;

export interface EventConsumerOptions {
  namespace: string;
  service: string;
  prefetch: number;
  queueType: 'classic' | 'quorum';
  retryDelayMs: number;
  maxAttempts: number;
  publishTimeoutMs: number;
  /** Which broker users may publish for which organization (see publisher-identity.ts). */
  publishers?: PublisherPolicy;
}

/**
 * A service's durable queue on `billing.events`. Acks only after the handler succeeded; a transient
 * failure waits in the retry queue and comes back; what can never succeed goes to the dead-letter
 * queue with the reason in its headers. A bad message never blocks the queue or crashes us.
 */
export class EventConsumer {
  readonly queues: ServiceQueueNames;
  private readonly logger: Logger;
  private readonly contracts = new Map<string, EventContract>();
  private readonly handlers = new Map<string, EventHandler>();
  private readonly republisher: ReliablePublisher;
  private readonly inFlight = new InFlight();
  private channel?: Channel;
  private consumerTag?: string;
  private stopping = false;

  private readonly setup = async (model: ChannelModel) => {
    const channel = await model.createChannel();
    channel.on('error', () => undefined);
    await channel.prefetch(this.options.prefetch);
    const exchange = await declareEventsExchange(channel, this.options.namespace);
    await declareServiceEventQueues(
      channel,
      this.queues,
      exchange,
      [...this.contracts.keys()],
      this.options.queueType,
    );
    const { consumerTag } = await channel.consume(this.queues.events, (message) => {
      if (message) this.inFlight.track(this.handle(channel, message));
    });
    this.channel = channel;
    this.consumerTag = consumerTag;
  };

  constructor(
    private readonly connection: AmqpConnection,
    private readonly options: EventConsumerOptions,
  ) {
    this.queues = serviceQueueNames(options.namespace, options.service);
    this.logger = new Logger(`EventConsumer(${options.service})`);
    this.republisher = new ReliablePublisher(connection, options.publishTimeoutMs);
  }

  get handledTypes(): string[] {
    return [...this.contracts.keys()];
  }

  register<C extends EventContract>(contract: C, handler: EventHandler<C>): void {
    if (this.handlers.has(contract.type)) {
      throw new Error(`two handlers for event "${contract.type}" in ${this.options.service}`);
    }
    this.contracts.set(contract.type, contract);
    this.handlers.set(contract.type, handler as EventHandler);
  }

  async start(): Promise<void> {
    await this.republisher.start();
    await this.connection.addSetup(this.setup);
  }

  /** Stops taking new messages, lets the ones in hand finish (or return to the queue), then closes. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.connection.removeSetup(this.setup);
    const channel = this.channel;
    if (channel && this.consumerTag) await channel.cancel(this.consumerTag).catch(() => undefined);
    const finished = await this.inFlight.drain(timeoutMs);
    if (!finished)
      this.logger.warn(`stopped with messages in hand; the broker will redeliver them`);
    await channel?.close().catch(() => undefined);
    await this.republisher.stop();
  }

  private async handle(channel: Channel, message: ConsumeMessage): Promise<void> {
    const headers = message.properties.headers ?? {};
    const routingKey = String(headers[Header.RoutingKey] ?? message.fields.routingKey);
    const attempt = Number(headers[Header.Attempt] ?? 1);
    const labels = { service: this.options.service, type: this.typeLabel(routingKey) };
    const done = messagingMetrics.eventHandlingSeconds.startTimer(labels);
    const parsed = parseEvent(message.content, this.contracts);
    if (!parsed.ok) {
      await this.deadLetter(channel, message, routingKey, attempt, parsed.reason);
      return;
    }
    const { publishers } = this.options;
    const refused =
      publishers && publisherRefusal(message, parsed.event.organization_id, publishers);
    if (refused) {
      await this.deadLetter(channel, message, routingKey, attempt, refused);
      return;
    }
    // Events from upstream carry no correlation id: their own id then names the work.
    const correlationId = (headers[Header.CorrelationId] as string | undefined) ?? parsed.event.id;
    try {
      await correlation.run(correlationId, async () => {
        await this.handlers.get(parsed.contract.type)!(parsed.event, {
          messageId: message.properties.messageId as string | undefined,
          routingKey,
          redelivered: message.fields.redelivered,
          attempt,
          correlationId,
        });
        this.logger.debug(`handled ${parsed.contract.type} ${parsed.event.id}`);
      });
    } catch (error) {
      const reason = describeError(error);
      if (isTransient(error) && attempt < this.options.maxAttempts && !this.stopping) {
        this.logger.warn(`${parsed.event.id} failed (attempt ${attempt}), retrying: ${reason}`);
        messagingMetrics.eventsRetried.inc(labels);
        await this.retry(channel, message, routingKey, attempt + 1);
      } else if (this.stopping && isTransient(error)) {
        // Shutting down may be why it failed; let another instance try it from scratch.
        safely(() => channel.nack(message, false, true));
      } else {
        const why = isTransient(error)
          ? `handler_failed after ${attempt} attempts: ${reason}`
          : `rejected: ${reason}`;
        await this.deadLetter(channel, message, routingKey, attempt, why);
      }
      return;
    }
    safely(() => channel.ack(message));
    messagingMetrics.eventsConsumed.inc(labels);
    done();
  }

  /** Upstream may publish any routing key: only the types we handle become label values. */
  private typeLabel(routingKey: string): string {
    return this.contracts.has(routingKey) ? routingKey : 'other';
  }

  private async retry(
    channel: Channel,
    message: ConsumeMessage,
    routingKey: string,
    nextAttempt: number,
  ) {
    await this.moveTo(
      channel,
      message,
      this.queues.retry,
      {
        [Header.RoutingKey]: routingKey,
        [Header.Attempt]: nextAttempt,
        [Header.FirstFailedAt]: firstFailedAt(message),
      },
      String(this.options.retryDelayMs),
    );
  }

  private async deadLetter(
    channel: Channel,
    message: ConsumeMessage,
    routingKey: string,
    attempt: number,
    reason: string,
  ): Promise<void> {
    this.logger.warn(`dead-lettering ${message.properties.messageId ?? '(no id)'}: ${reason}`);
    messagingMetrics.eventsDeadLettered.inc({
      service: this.options.service,
      type: this.typeLabel(routingKey),
      reason: reasonKind(reason),
    });
    await this.moveTo(channel, message, this.queues.deadLetter, {
      [Header.RoutingKey]: routingKey,
      [Header.Attempt]: attempt,
      [Header.Reason]: reason.slice(0, 4_000),
      [Header.FailedAt]: new Date().toISOString(),
      [Header.FirstFailedAt]: firstFailedAt(message),
      [Header.SourceQueue]: this.queues.events,
    });
  }

  /**
   * Copy first, ack after the broker confirmed the copy: a crash in between leaves two copies
   * (harmless, handling is idempotent), never zero.
   */
  private async moveTo(
    channel: Channel,
    message: ConsumeMessage,
    queue: string,
    headers: MessagePropertyHeaders,
    expiration?: string,
  ): Promise<void> {
    const { properties } = message;
    try {
      await this.republisher.publish('', queue, message.content, {
        persistent: true,
        contentType: properties.contentType as string | undefined,
        messageId: properties.messageId as string | undefined,
        type: properties.type as string | undefined,
        timestamp: properties.timestamp as number | undefined,
        expiration,
        headers: { ...stripBrokerHeaders(properties.headers), ...headers },
      });
    } catch (error) {
      this.logger.error(`could not move message to ${queue}: ${describeError(error)}; requeueing`);
      safely(() => channel.nack(message, false, true));
      return;
    }
    safely(() => channel.ack(message));
  }
}

/** `x-death` grows with every trip through the retry queue; our own headers carry what matters. */
function stripBrokerHeaders(headers: MessagePropertyHeaders | undefined): MessagePropertyHeaders {
  const {
    'x-death': _death,
    'x-first-death-exchange': _e,
    'x-first-death-queue': _q,
    'x-first-death-reason': _r,
    ...rest
  } = headers ?? {};
  return rest;
}

function firstFailedAt(message: ConsumeMessage): string {
  const known = message.properties.headers?.[Header.FirstFailedAt] as string | undefined;
  return known ?? new Date().toISOString();
}

/** After a lost connection the channel is gone and the broker already requeued the message. */
function safely(action: () => void): void {
  try {
    action();
  } catch {
    // nothing to do: redelivery is the broker's job now
  }
}
