import { Logger } from '@nestjs/common';
import type { EventContract, EventData, EventEnvelope } from '@portico/contracts';
import type { Channel, ChannelModel, ConsumeMessage, MessagePropertyHeaders } from 'amqplib';
import type { AmqpConnection } from './amqp-connection';
import { ReliablePublisher } from './confirm-channel';
import { parseEvent } from './event-parsing';
import { describeError, failureClass } from './failure-policy';
import { InFlight } from './in-flight';
import { OutageBackoff } from './outage-backoff';
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

/** Why consumption is paused, for readiness and logs. */
export interface ConsumptionPause {
  since: Date;
  reason: string;
}

/**
 * A service's durable queue on `billing.events`. Acks only after the handler succeeded. Failures
 * are handled by class (failure-policy.ts): a message that is itself wrong goes to the
 * dead-letter queue at once with the reason in its headers; a dependency away pauses consumption
 * while the messages in hand wait, unacked, until it is back; anything else waits in the retry
 * queue a few times before it is dead-lettered. A bad message never blocks the queue or crashes us.
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
  private readonly stopped = new AbortController();
  private readonly backoff = new OutageBackoff();
  private pause?: ConsumptionPause;
  /** Messages in hand waiting out a dependency: only they resume a pause. */
  private waiters = 0;
  private readonly closedChannels = new WeakSet<Channel>();
  private readonly labels = new Map<string, EventLabels>();

  private readonly setup = async (model: ChannelModel) => {
    const channel = await model.createChannel();
    channel.on('error', () => undefined);
    channel.on('close', () => this.closedChannels.add(channel));
    await channel.prefetch(this.options.prefetch);
    const exchange = await declareEventsExchange(channel, this.options.namespace, () =>
      model.createChannel(),
    );
    await declareServiceEventQueues(
      channel,
      this.queues,
      exchange,
      [...this.contracts.keys()],
      this.options.queueType,
    );
    this.channel = channel;
    this.consumerTag = await this.consume(channel);
  };

  private async consume(channel: Channel): Promise<string> {
    const { consumerTag } = await channel.consume(this.queues.events, (message) => {
      if (message) this.inFlight.track(this.handle(channel, message));
    });
    return consumerTag;
  }

  constructor(
    private readonly connection: AmqpConnection,
    private readonly options: EventConsumerOptions,
  ) {
    this.queues = serviceQueueNames(options.namespace, options.service);
    this.logger = new Logger(`EventConsumer(${options.service})`);
    this.republisher = new ReliablePublisher(connection, options.publishTimeoutMs);
  }

  /** Set while a dependency is away and no new message is taken; readiness reports it. */
  get paused(): ConsumptionPause | undefined {
    return this.pause;
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
    this.stopped.abort();
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
    const labels = this.labelsFor(routingKey);
    const startedMs = performance.now();
    const parsed = parseEvent(message.content, this.contracts, routingKey);
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
    const run = async () => {
      // The handler runs inside `correlationId` through the transport's CorrelationInterceptor.
      await this.handlers.get(parsed.contract.type)!(parsed.event, {
        messageId: message.properties.messageId as string | undefined,
        routingKey,
        redelivered: message.fields.redelivered,
        attempt,
        correlationId,
      });
      // Entering the correlation scope per message only to drop the line costs throughput.
      if (Logger.isLevelEnabled('debug'))
        correlation.run(correlationId, () =>
          this.logger.debug(`handled ${parsed.contract.type} ${parsed.event.id}`),
        );
    };
    const error = await this.runThroughOutages(channel, run);
    if (error === undefined) {
      safely(() => channel.ack(message));
      messagingMetrics.eventsConsumed.inc(labels);
      messagingMetrics.eventHandlingSeconds.observe(labels, (performance.now() - startedMs) / 1000);
      return;
    }
    if (error === GIVEN_BACK) {
      // Stopping, or the channel is gone: the broker hands it out again, attempt unchanged.
      safely(() => channel.nack(message, false, true));
      return;
    }
    const reason = describeError(error);
    const kind = failureClass(error);
    if (kind === 'message') {
      await this.deadLetter(channel, message, routingKey, attempt, `rejected: ${reason}`);
    } else if (this.stopping) {
      // Shutting down may be why it failed; let another instance try it from scratch.
      safely(() => channel.nack(message, false, true));
    } else if (attempt < this.options.maxAttempts) {
      this.logger.warn(`${parsed.event.id} failed (attempt ${attempt}), retrying: ${reason}`);
      messagingMetrics.eventsRetried.inc(labels);
      await this.retry(channel, message, routingKey, attempt + 1);
    } else {
      const why =
        kind === 'held'
          ? `${reason} (held ${attempt} attempts)`
          : `handler_failed after ${attempt} attempts: ${reason}`;
      await this.deadLetter(channel, message, routingKey, attempt, why);
    }
  }

  /**
   * Runs the handler; while it fails because a dependency is away, pauses consumption and tries
   * again after a jittered backoff, the message unacked in hand, for as long as it takes. Returns
   * undefined on success, the error of any other failure, or GIVEN_BACK when the wait ended
   * because we stop or the channel closed (the broker redelivers then).
   */
  private async runThroughOutages(channel: Channel, run: () => Promise<void>): Promise<unknown> {
    const service = { service: this.options.service };
    let waiting = false;
    const waitStarted = Date.now();
    let nextReportMs = LONG_WAIT_MS;
    try {
      for (let tries = 0; ; tries++) {
        try {
          await run();
          if (this.pause) await this.resume(channel);
          return undefined;
        } catch (error) {
          const kind = failureClass(error);
          if (kind !== 'infrastructure') {
            if (waiting)
              this.logger.warn(
                `stopped waiting for a dependency after ${tries} tries: the failure is now ${kind}: ${describeError(error)}`,
              );
            return error;
          }
          if (!waiting) {
            waiting = true;
            this.waiters++;
            messagingMetrics.eventsWaitingForDependency.inc(service);
          }
          await this.pauseFor(channel, describeError(error));
          if (this.stopping || this.closedChannels.has(channel)) return GIVEN_BACK;
          const delayMs = this.backoff.delayMs(tries);
          // Silent retries made a stuck pause undiagnosable: each try says why and when the next.
          this.logger.debug(
            `waiting for a dependency (try ${tries + 1}, next in ${Math.round(delayMs)} ms, ${this.waiters} waiting): ${describeError(error)}`,
          );
          const waitedMs = Date.now() - waitStarted;
          if (waitedMs >= nextReportMs) {
            // A long outage must be visible without debug logs: it may be a wedge, not an outage.
            nextReportMs += LONG_WAIT_MS;
            this.logger.warn(
              `still waiting for a dependency after ${Math.round(waitedMs / 1000)} s (${tries + 1} tries, ${this.waiters} waiting): ${describeError(error)}`,
            );
          }
          if (!(await this.backoff.wait(delayMs, this.stopped.signal))) return GIVEN_BACK;
          if (this.closedChannels.has(channel)) return GIVEN_BACK;
        }
      }
    } finally {
      if (waiting) {
        messagingMetrics.eventsWaitingForDependency.dec(service);
        this.waiters--;
        await this.endPauseWithoutWaiters(channel);
      }
    }
  }

  /**
   * Only a message in hand that succeeds resumes a pause. When the last one waiting leaves
   * another way (its failure was not an outage after all, so it went to the retry or dead-letter
   * queue), nobody would: the consumer would stay cancelled for ever. The next message delivered
   * then tells whether the dependency is back; if it is not, it pauses again.
   */
  private async endPauseWithoutWaiters(channel: Channel): Promise<void> {
    if (this.waiters > 0 || !this.pause || this.stopping) return;
    this.logger.warn(
      `no message waits for the dependency any more (${this.pause.reason}); taking messages again`,
    );
    await this.takeMessagesAgain(channel);
  }

  /**
   * Stops taking new messages (those in hand keep waiting). The caller waits on `channel`, so it
   * will resume it; a consumer started on a new channel after a reconnect is cancelled by the
   * first of its messages to wait.
   */
  private async pauseFor(channel: Channel, reason: string): Promise<void> {
    if (!this.pause) {
      this.pause = { since: new Date(), reason };
      this.logger.warn(`a dependency is away, pausing consumption: ${reason}`);
      messagingMetrics.consumptionPaused.set({ service: this.options.service }, 1);
      messagingMetrics.consumptionPauses.inc({ service: this.options.service });
    }
    const tag = this.consumerTag;
    if (tag === undefined || channel !== this.channel) return;
    this.consumerTag = undefined;
    await channel.cancel(tag).catch(() => undefined);
  }

  /** A handler succeeded: the dependency is back, take messages again. */
  private async resume(channel: Channel): Promise<void> {
    if (!this.pause) return;
    this.logger.log(
      `dependency back after ${Date.now() - this.pause.since.getTime()} ms, resuming`,
    );
    await this.takeMessagesAgain(channel);
  }

  private async takeMessagesAgain(channel: Channel): Promise<void> {
    this.pause = undefined;
    messagingMetrics.consumptionPaused.set({ service: this.options.service }, 0);
    if (this.stopping || channel !== this.channel || this.closedChannels.has(channel)) return;
    if (this.consumerTag === undefined) {
      this.consumerTag = await this.consume(channel).catch(() => undefined);
    }
  }

  /** Upstream may publish any routing key: only the types we handle become label values. */
  private typeLabel(routingKey: string): string {
    return this.contracts.has(routingKey) ? routingKey : 'other';
  }

  /** One labels object per type label, made once: the per-message path allocates none. */
  private labelsFor(routingKey: string): EventLabels {
    const type = this.typeLabel(routingKey);
    let labels = this.labels.get(type);
    if (!labels) {
      labels = { service: this.options.service, type };
      this.labels.set(type, labels);
    }
    return labels;
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

interface EventLabels {
  readonly service: string;
  readonly type: string;
}

/** The handler's wait ended without an outcome: the message goes back to the queue as it was. */
const GIVEN_BACK = Symbol('given back');
/** How often a message still waiting out an outage says so at warn level. */
const LONG_WAIT_MS = 30_000;

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
