import { Logger } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  detailsFromZod,
  type RpcContract,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { AmqpConnection } from './amqp-connection';
import { InFlight } from './in-flight';
import { Header } from './message-headers';
import { messagingMetrics } from './messaging.metrics';
import { correlation } from './correlation';
import { toRpcError } from './rpc-error.filter';
import type { RpcReply } from './rpc-wire';
import { declareRpcQueue, serviceQueueNames } from './topology';

export interface RpcContext {
  correlationId?: string;
}

export type RpcHandler<C extends RpcContract = RpcContract> = (
  request: RpcRequest<C>,
  context: RpcContext,
) => Promise<RpcResponse<C>>;

/** Answers the gateway's requests for one service; instances of a service share its queue. */
export class RpcServer {
  private readonly logger: Logger;
  private readonly queue: string;
  private readonly handlers = new Map<string, { contract: RpcContract; handler: RpcHandler }>();
  private readonly inFlight = new InFlight();
  private channel?: Channel;
  private consumerTag?: string;

  private readonly setup = async (model: ChannelModel) => {
    const channel = await model.createChannel();
    channel.on('error', () => undefined);
    await channel.prefetch(this.prefetch);
    await declareRpcQueue(channel, this.queue);
    const { consumerTag } = await channel.consume(this.queue, (message) => {
      if (message) this.inFlight.track(this.handle(channel, message));
    });
    this.channel = channel;
    this.consumerTag = consumerTag;
  };

  constructor(
    private readonly connection: AmqpConnection,
    namespace: string,
    private readonly service: string,
    private readonly prefetch: number,
  ) {
    this.queue = serviceQueueNames(namespace, service).rpc;
    this.logger = new Logger(`RpcServer(${service})`);
  }

  get handledNames(): string[] {
    return [...this.handlers.keys()];
  }

  register<C extends RpcContract>(contract: C, handler: RpcHandler<C>): void {
    if (contract.service !== this.service) {
      throw new Error(`${contract.name} belongs to ${contract.service}, not ${this.service}`);
    }
    if (this.handlers.has(contract.name))
      throw new Error(`two handlers for RPC "${contract.name}"`);
    this.handlers.set(contract.name, { contract, handler: handler as RpcHandler });
  }

  async start(): Promise<void> {
    await this.connection.addSetup(this.setup);
  }

  async stop(timeoutMs: number): Promise<void> {
    this.connection.removeSetup(this.setup);
    const channel = this.channel;
    if (channel && this.consumerTag) await channel.cancel(this.consumerTag).catch(() => undefined);
    await this.inFlight.drain(timeoutMs);
    await channel?.close().catch(() => undefined);
  }

  private async handle(channel: Channel, message: ConsumeMessage): Promise<void> {
    const { replyTo, correlationId, type } = message.properties;
    const done = messagingMetrics.rpcHandled.startTimer({ pattern: String(type) });
    const reply = await this.answer(String(type), message);
    const seconds = done({ outcome: reply.ok ? 'ok' : 'error' });
    // The handler ran inside the id (CorrelationInterceptor); this line names it too.
    const id = message.properties.headers?.[Header.CorrelationId] as string | undefined;
    correlation.run(id, () =>
      this.logger.debug(
        `answered ${String(type)} (${reply.ok ? 'ok' : reply.error.code}) in ${Math.round(seconds * 1_000)} ms`,
      ),
    );
    if (replyTo) {
      try {
        channel.sendToQueue(replyTo, Buffer.from(JSON.stringify(reply)), {
          correlationId,
          contentType: 'application/json',
        });
      } catch {
        // The caller's reply queue is gone with its connection; it has already timed out.
      }
    }
    try {
      channel.ack(message);
    } catch {
      // Connection lost: the request returns to the queue and the caller times out or retries.
    }
  }

  private async answer(name: string, message: ConsumeMessage): Promise<RpcReply> {
    const entry = this.handlers.get(name);
    if (!entry) {
      return failure(new DomainError(ErrorCode.NotFound, `${this.service} has no RPC "${name}"`));
    }
    let body: unknown;
    try {
      body = JSON.parse(message.content.toString('utf8'));
    } catch {
      return failure(new DomainError(ErrorCode.ValidationFailed, `${name}: request is not JSON`));
    }
    const request = entry.contract.request.safeParse(body);
    if (!request.success) {
      return failure(
        new DomainError(
          ErrorCode.ValidationFailed,
          `${name}: invalid request`,
          detailsFromZod(request.error),
        ),
      );
    }
    try {
      const headers = message.properties.headers ?? {};
      const result = await entry.handler(request.data, {
        correlationId: headers[Header.CorrelationId] as string | undefined,
      });
      // Parsing the reply strips fields the contract does not name, so internal data never leaks.
      return { ok: true, data: entry.contract.response.parse(result) };
    } catch (error) {
      // Through the Nest transport, RpcErrorFilter mapped it already (toRpcError keeps a
      // DomainError as it is); a handler registered directly gets the same mapping here.
      return failure(toRpcError(error, this.service, name));
    }
  }
}

function failure(error: DomainError): RpcReply {
  return { ok: false, error: error.toJSON() };
}
