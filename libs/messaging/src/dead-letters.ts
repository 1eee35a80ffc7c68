import { connect, type ChannelModel, type GetMessage, type MessagePropertyHeaders } from 'amqplib';
import { Header } from './message-headers';
import { serviceQueueNames, unroutableNames, unroutableReason } from './topology';

const UNROUTABLE = 'unroutable';

/** One dead-lettered event as an operator needs to see it. */
export interface DeadLetter {
  /** 1-based position in the dead-letter queue at the time it was read. */
  position: number;
  messageId?: string;
  eventId?: string;
  /** The event type (routing key) it was published with. */
  type: string;
  reason: string;
  firstFailedAt?: string;
  failedAt?: string;
  attempts: number;
  sourceQueue: string;
  correlationId?: string;
  body: string;
}

/** Which dead letters a command applies to: all of them, or these positions / event ids. */
export type DeadLetterSelection = 'all' | string[];

/** Our bookkeeping headers; a replayed message starts over without them (attempt 1). */
const FAILURE_HEADERS: string[] = [
  Header.Attempt,
  Header.Reason,
  Header.FailedAt,
  Header.FirstFailedAt,
  Header.SourceQueue,
];

/**
 * A service's dead-letter queue, for `npm run dlq`. Reading takes every message without acking
 * it and closes the channel afterwards, so the broker puts back, in place, whatever was not
 * replayed: listing never loses or reorders a dead letter.
 */
export class DeadLetters {
  private constructor(
    private readonly model: ChannelModel,
    readonly queue: string,
  ) {}

  /** `service` = `unroutable` opens the queue of messages `billing.events` could not route. */
  static async open(url: string, namespace: string, service: string): Promise<DeadLetters> {
    const model = await connect(url);
    return new DeadLetters(
      model,
      service === UNROUTABLE
        ? unroutableNames(namespace).queue
        : serviceQueueNames(namespace, service).deadLetter,
    );
  }

  private get unroutable(): boolean {
    return this.queue.endsWith(unroutableNames('').queue);
  }

  async list(): Promise<DeadLetter[]> {
    return this.withMessages(async (messages) =>
      messages.map((m, i) => describe(m, i, this.unroutable)),
    );
  }

  /**
   * Puts the selected dead letters back on the queue they failed in (the default exchange,
   * straight to that queue), not on `billing.events`: the other services bound to the same
   * event type handled it already. Each is acked off the dead-letter queue only after the broker
   * confirmed its copy; a replay that fails again comes back here with its new reason. Handling
   * is idempotent, so replaying twice stores once.
   */
  async replay(selection: DeadLetterSelection): Promise<DeadLetter[]> {
    if (this.unroutable) {
      // No queue took them the first time: replaying would confirm and drop them again.
      throw new Error(
        'unroutable messages cannot be replayed: publish them again with a routing key a service binds',
      );
    }
    const publisher = await this.model.createConfirmChannel();
    try {
      return await this.withMessages(async (messages, ack) => {
        const replayed: DeadLetter[] = [];
        for (const [index, message] of messages.entries()) {
          const letter = describe(message, index, false);
          if (!selects(selection, letter)) continue;
          publisher.sendToQueue(letter.sourceQueue, message.content, {
            persistent: true,
            contentType: message.properties.contentType as string | undefined,
            messageId: message.properties.messageId as string | undefined,
            type: message.properties.type as string | undefined,
            timestamp: message.properties.timestamp as number | undefined,
            headers: {
              ...withoutFailure(message.properties.headers),
              [Header.RoutingKey]: letter.type,
              [Header.ReplayedAt]: new Date().toISOString(),
            },
          });
          await publisher.waitForConfirms();
          ack(message);
          replayed.push(letter);
        }
        return replayed;
      });
    } finally {
      await publisher.close().catch(() => undefined);
    }
  }

  /** Drops every dead letter; returns how many there were. */
  async purge(): Promise<number> {
    const channel = await this.model.createChannel();
    try {
      return (await channel.purgeQueue(this.queue)).messageCount;
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.model.close().catch(() => undefined);
  }

  private async withMessages<T>(
    work: (messages: GetMessage[], ack: (message: GetMessage) => void) => Promise<T>,
  ): Promise<T> {
    const channel = await this.model.createChannel();
    try {
      const { messageCount } = await channel.checkQueue(this.queue);
      const messages: GetMessage[] = [];
      // Only what was there when we looked: a message dead-lettered meanwhile waits for next time.
      while (messages.length < messageCount) {
        const message = await channel.get(this.queue, { noAck: false });
        if (!message) break;
        messages.push(message);
      }
      return await work(messages, (message) => channel.ack(message));
    } finally {
      // Closing returns every unacked message to the queue, at its old position.
      await channel.close().catch(() => undefined);
    }
  }
}

function describe(message: GetMessage, index: number, unroutable: boolean): DeadLetter {
  const headers = message.properties.headers ?? {};
  const body = message.content.toString('utf8');
  return {
    position: index + 1,
    messageId: message.properties.messageId as string | undefined,
    eventId: eventIdOf(body),
    type: String(headers[Header.RoutingKey] ?? message.fields.routingKey),
    // The alternate exchange copies a message as it was: its reason is that it got there.
    reason: String(
      headers[Header.Reason] ??
        (unroutable ? unroutableReason(message.fields.routingKey) : '(no reason recorded)'),
    ),
    firstFailedAt: headers[Header.FirstFailedAt] as string | undefined,
    failedAt: headers[Header.FailedAt] as string | undefined,
    attempts: Number(headers[Header.Attempt] ?? 1),
    sourceQueue: String(headers[Header.SourceQueue] ?? message.fields.routingKey),
    correlationId: headers[Header.CorrelationId] as string | undefined,
    body,
  };
}

/** The envelope's `id` when the body is JSON with one; a poison body simply has none. */
function eventIdOf(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

function selects(selection: DeadLetterSelection, letter: DeadLetter): boolean {
  if (selection === 'all') return true;
  return selection.some((s) => s === String(letter.position) || s === letter.eventId);
}

function withoutFailure(headers: MessagePropertyHeaders | undefined): MessagePropertyHeaders {
  return Object.fromEntries(
    Object.entries(headers ?? {}).filter(([name]) => !FAILURE_HEADERS.includes(name)),
  );
}
