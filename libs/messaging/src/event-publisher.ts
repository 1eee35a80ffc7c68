import {
  DomainError,
  ErrorCode,
  detailsFromZod,
  eventEnvelopeSchema,
  type EventContract,
  type EventData,
  type EventEnvelope,
} from '@portico/contracts';
import type { AmqpConnection } from './amqp-connection';
import { ReliablePublisher } from './confirm-channel';
import { Header } from './message-headers';
import { correlation } from './correlation';
import { parseValidEvent } from './event-schema';
import { declareEventsExchange, eventsExchangeName } from './topology';

/**
 * Publishes events to `billing.events` exactly as an upstream system would: plain JSON, routing
 * key = event type, persistent, and only reported as sent once the broker confirmed it.
 */
export class EventPublisher {
  private readonly publisher: ReliablePublisher;
  private readonly exchange: string;

  constructor(
    connection: AmqpConnection,
    namespace: string,
    publishTimeoutMs: number,
    /**
     * This connection's broker user, sent as `user_id` (RabbitMQ verifies it): consumers that
     * require a publisher identity know the event came from a trusted user.
     */
    private readonly userId?: string,
  ) {
    this.exchange = eventsExchangeName(namespace);
    this.publisher = new ReliablePublisher(
      connection,
      publishTimeoutMs,
      async (channel, openProbe) => {
        await declareEventsExchange(channel, namespace, openProbe);
      },
    );
  }

  start(): Promise<void> {
    return this.publisher.start();
  }

  stop(): Promise<void> {
    return this.publisher.stop();
  }

  /** Validates against the contract before anything leaves the process. */
  async publish<C extends EventContract>(
    contract: C,
    envelope: Omit<EventEnvelope<EventData<C>>, 'type'>,
    options: { correlationId?: string } = {},
  ): Promise<void> {
    const full = { ...envelope, type: contract.type };
    // The one-pass check settles the common case; otherwise each step in turn names what is wrong.
    if (!parseValidEvent(full, contract)) checkStepByStep(contract, full);
    await this.publishRaw(
      full.type,
      Buffer.from(JSON.stringify(full)),
      full.id,
      options.correlationId,
    );
  }

  /** For envelopes already validated elsewhere (HTTP ingestion, the Lago bridge, benchmarks). */
  async publishRaw(
    routingKey: string,
    body: Buffer,
    messageId: string,
    correlationId?: string,
  ): Promise<void> {
    await this.publisher.publish(this.exchange, routingKey, body, {
      persistent: true,
      contentType: 'application/json',
      messageId,
      type: routingKey,
      timestamp: Math.floor(Date.now() / 1000),
      ...correlationOf(correlationId),
      ...(this.userId && { userId: this.userId }),
    });
  }
}

/**
 * The caller's id, else the one of the request or message being handled, as the message's only
 * header. Without one, no headers at all: an empty table is still encoded and decoded per message.
 */
function correlationOf(explicit: string | undefined) {
  const id = explicit ?? correlation.current();
  return id ? { headers: { [Header.CorrelationId]: id } } : undefined;
}

/** Throws what is wrong with an event, the envelope first. */
function checkStepByStep(contract: EventContract, full: unknown): void {
  const envelopeCheck = eventEnvelopeSchema.safeParse(full);
  if (!envelopeCheck.success) {
    throw new DomainError(
      ErrorCode.ValidationFailed,
      'invalid event envelope',
      detailsFromZod(envelopeCheck.error),
    );
  }
  const dataCheck = contract.schema.safeParse(envelopeCheck.data.data);
  if (!dataCheck.success) {
    throw new DomainError(
      ErrorCode.ValidationFailed,
      `invalid ${contract.type} payload`,
      detailsFromZod(dataCheck.error, 'data'),
    );
  }
}
