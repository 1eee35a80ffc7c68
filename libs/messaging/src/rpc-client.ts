import {
  DomainError,
  ErrorCode,
  type RpcContract,
  type RpcInput,
  type RpcResponse,
} from '@portico/contracts';
import type { Channel, ChannelModel, ConsumeMessage, Message } from 'amqplib';
import { randomUUID } from 'node:crypto';
import type { AmqpConnection } from './amqp-connection';
import { Header } from './message-headers';
import { messagingMetrics } from './messaging.metrics';
import { correlation } from './correlation';
import type { RpcReply } from './rpc-wire';
import { serviceQueueNames } from './topology';

/** RabbitMQ's direct reply-to: replies come straight back on this channel, no queue to declare. */
const REPLY_TO = 'amq.rabbitmq.reply-to';

interface Pending {
  resolve: (reply: RpcReply) => void;
  reject: (error: DomainError) => void;
  timer: NodeJS.Timeout;
}

/**
 * Calls a service and waits for its answer for at most `timeoutMs`. Every way of not getting one
 * becomes a DomainError the gateway turns into a 503: no instance running (the request is
 * returned unroutable), no answer in time, or no broker.
 */
export class RpcClient {
  private channel?: Channel;
  private readonly pending = new Map<string, Pending>();

  private readonly setup = async (model: ChannelModel) => {
    const channel = await model.createChannel();
    channel.on('error', () => undefined);
    channel.on('close', () => {
      if (this.channel === channel) this.channel = undefined;
      this.failAll(ErrorCode.ServiceUnavailable, 'connection to the message broker was lost');
    });
    channel.on('return', (message: Message) => this.onReturned(message));
    await channel.consume(REPLY_TO, (message) => message && this.onReply(message), { noAck: true });
    this.channel = channel;
  };

  constructor(
    private readonly connection: AmqpConnection,
    private readonly namespace: string,
    private readonly timeoutMs: number,
  ) {}

  async start(): Promise<void> {
    await this.connection.addSetup(this.setup);
  }

  async stop(): Promise<void> {
    this.connection.removeSetup(this.setup);
    this.failAll(ErrorCode.ServiceUnavailable, 'shutting down');
    const channel = this.channel;
    this.channel = undefined;
    await channel?.close().catch(() => undefined);
  }

  async call<C extends RpcContract>(
    contract: C,
    request: RpcInput<C>,
    options: { timeoutMs?: number; correlationId?: string } = {},
  ): Promise<RpcResponse<C>> {
    const done = messagingMetrics.rpcSeconds.startTimer({ pattern: contract.name });
    try {
      const response = await this.send(contract, request, {
        ...options,
        correlationId: options.correlationId ?? correlation.current(),
      });
      done({ outcome: 'ok' });
      return response;
    } catch (error) {
      const outcome = rpcOutcome(error);
      if (outcome === 'timeout') messagingMetrics.rpcTimeouts.inc({ pattern: contract.name });
      done({ outcome });
      throw error;
    }
  }

  private async send<C extends RpcContract>(
    contract: C,
    request: RpcInput<C>,
    options: { timeoutMs?: number; correlationId?: string },
  ): Promise<RpcResponse<C>> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const channel = this.channel;
    if (!channel) {
      throw new DomainError(
        ErrorCode.ServiceUnavailable,
        `${contract.service} is unreachable: not connected to the message broker`,
      );
    }
    const id = randomUUID();
    const reply = new Promise<RpcReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new DomainError(
            ErrorCode.ServiceTimeout,
            `${contract.service} did not answer ${contract.name} within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
    try {
      channel.publish(
        '',
        serviceQueueNames(this.namespace, contract.service).rpc,
        Buffer.from(JSON.stringify(request)),
        {
          correlationId: id,
          replyTo: REPLY_TO,
          type: contract.name,
          contentType: 'application/json',
          // A request nobody picked up before the caller gave up is not worth answering.
          expiration: String(timeoutMs),
          mandatory: true,
          headers: options.correlationId ? { [Header.CorrelationId]: options.correlationId } : {},
        },
      );
    } catch (error) {
      this.settle(
        id,
        undefined,
        new DomainError(
          ErrorCode.ServiceUnavailable,
          `${contract.service} is unreachable: ${(error as Error).message}`,
        ),
      );
    }
    const result = await reply;
    if (!result.ok) throw DomainError.fromSerialized(result.error);
    return result.data as RpcResponse<C>;
  }

  private onReply(message: ConsumeMessage): void {
    const id = message.properties.correlationId as string | undefined;
    if (!id) return;
    try {
      this.settle(id, JSON.parse(message.content.toString('utf8')) as RpcReply);
    } catch {
      this.settle(id, undefined, new DomainError(ErrorCode.Internal, 'malformed RPC reply'));
    }
  }

  private onReturned(message: Message): void {
    const id = message.properties.correlationId as string | undefined;
    if (!id) return;
    const queue = message.fields.routingKey;
    this.settle(
      id,
      undefined,
      new DomainError(ErrorCode.ServiceUnavailable, `no instance is serving ${queue}`),
    );
  }

  private settle(id: string, reply?: RpcReply, error?: DomainError): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve(reply!);
  }

  private failAll(code: ErrorCode, message: string): void {
    for (const id of [...this.pending.keys()]) {
      this.settle(id, undefined, new DomainError(code, message));
    }
  }
}

function rpcOutcome(error: unknown): 'timeout' | 'unavailable' | 'error' {
  if (!(error instanceof DomainError)) return 'error';
  if (error.code === ErrorCode.ServiceTimeout) return 'timeout';
  if (error.code === ErrorCode.ServiceUnavailable) return 'unavailable';
  return 'error';
}
