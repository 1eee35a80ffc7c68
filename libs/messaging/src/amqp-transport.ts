import { Inject, Injectable, Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import { AmqpConnection } from './amqp-connection';
import { AmqpEventContext, AmqpRpcContext } from './amqp-contexts';
import { correlation } from './correlation';
import { EventConsumer, type EventHandler } from './event-consumer';
import type { EventPatternExtras, RpcPatternExtras } from './handler.decorators';
import { InstanceSubscriber } from './instance-subscriber';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging-options';
import { RpcServer, type RpcHandler } from './rpc-server';

/** Identifies handlers bound to this transport, should an app ever run two. */
export const AMQP_TRANSPORT = Symbol('portico:amqp');

/**
 * Portico's RabbitMQ transport for Nest microservices. Nest builds each `@MessagePattern` /
 * `@EventPattern` handler with its pipes, guards, interceptors and exception filters; this hands
 * those handlers to the engines of `libs/messaging`, which keep every delivery guarantee (manual
 * ack after the handler, retry queue, dead letters with reasons, publisher confirms, RPC
 * timeouts, graceful drain). Nest's stock RMQ transport offers none of those by default.
 */
@Injectable()
export class AmqpTransport extends Server implements CustomTransportStrategy {
  override readonly transportId = AMQP_TRANSPORT;
  /** A failed event handler must reach the consumer: its failure policy retries or dead-letters. */
  override readonly propagatesEventHandlerErrors = true;
  private readonly log = new Logger('AmqpTransport');
  private started = false;
  private closing?: Promise<void>;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly connection: AmqpConnection,
    private readonly consumer: EventConsumer,
    private readonly rpcServer: RpcServer,
    private readonly instanceSubscriber: InstanceSubscriber,
  ) {
    super();
  }

  /** Nest would let a second RPC handler silently replace the first: refuse, as events do. */
  override addHandler(
    pattern: unknown,
    callback: MessageHandler,
    isEventHandler = false,
    extras: Record<string, unknown> = {},
  ): void {
    if (!isEventHandler && this.messageHandlers.has(this.normalizePattern(pattern as string))) {
      throw new Error(`two handlers for RPC "${String(pattern)}" in ${this.options.appName}`);
    }
    super.addHandler(pattern, callback, isEventHandler, extras);
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  /** Stops taking messages and lets the ones in hand finish; safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- Nest's signature
  on(event: string, callback: Function): void {
    this.connection.on(event, callback as (...args: unknown[]) => void);
  }

  unwrap<T>(): T {
    return this.connection as T;
  }

  private async start(): Promise<void> {
    for (const [pattern, handler] of this.messageHandlers) {
      if (handler.isEventHandler) this.registerEvent(pattern, handler);
      else this.registerRpc(pattern, handler);
    }
    this.started = true;
    if (this.consumer.handledTypes.length > 0) {
      await this.consumer.start();
      this.log.log(
        `consuming ${this.consumer.queues.events}: ${this.consumer.handledTypes.join(', ')}`,
      );
    }
    if (this.instanceSubscriber.handledTypes.length > 0) await this.instanceSubscriber.start();
    if (this.rpcServer.handledNames.length > 0) {
      await this.rpcServer.start();
      this.log.log(`answering ${this.rpcServer.handledNames.join(', ')}`);
    }
  }

  private async stop(): Promise<void> {
    if (!this.started) return;
    const timeout = this.options.shutdownTimeoutMs;
    const engines: Promise<void>[] = [];
    if (this.consumer.handledTypes.length > 0) engines.push(this.consumer.stop(timeout));
    if (this.rpcServer.handledNames.length > 0) engines.push(this.rpcServer.stop(timeout));
    await Promise.all(engines);
    await this.instanceSubscriber.stop();
  }

  private registerEvent(pattern: string, head: MessageHandler): void {
    const chain: MessageHandler[] = [];
    for (let h: MessageHandler | undefined = head; h; h = h.next as MessageHandler | undefined) {
      chain.push(h);
    }
    const extras = head.extras as Partial<EventPatternExtras> | undefined;
    if (!extras?.contract) {
      throw new Error(`@EventPattern("${pattern}") has no contract: declare it with @HandleEvent`);
    }
    const { contract, scope } = extras as EventPatternExtras;
    if (chain.some((h) => (h.extras as EventPatternExtras | undefined)?.scope !== scope)) {
      throw new Error(`"${pattern}" is handled with both scopes in ${this.options.appName}`);
    }
    // Nest chains every handler of one event pattern behind the first: calling it calls them all.
    // Entered here, the whole pipeline runs inside the id and the CorrelationInterceptor finds
    // it already current: no wrapping Observable per message.
    const handler: EventHandler = async (event, delivery) => {
      await correlation.run(delivery.correlationId, () =>
        this.invoke(head, event, new AmqpEventContext(delivery, pattern)),
      );
    };
    if (scope === 'instance') {
      this.instanceSubscriber.register(contract, handler);
    } else {
      // One ack per message: a second service-scoped handler would make its outcome ambiguous.
      if (chain.length > 1) {
        throw new Error(`two handlers for event "${pattern}" in ${this.options.appName}`);
      }
      this.consumer.register(contract, handler);
    }
  }

  private registerRpc(pattern: string, handler: MessageHandler): void {
    const extras = handler.extras as Partial<RpcPatternExtras> | undefined;
    if (!extras?.contract) {
      throw new Error(`@MessagePattern("${pattern}") has no contract: declare it with @HandleRpc`);
    }
    const service = this.options.appName;
    const answer: RpcHandler = (request, context) =>
      this.invoke(handler, request, new AmqpRpcContext(context, pattern, service)) as never;
    this.rpcServer.register(extras.contract, answer);
  }

  /** Runs Nest's pipeline for one message and settles when the handler (stream) finished. */
  private async invoke(handler: MessageHandler, data: unknown, context: unknown): Promise<unknown> {
    const result: unknown = await handler(data, context);
    return isObservable(result) ? lastValueFrom(result, { defaultValue: undefined }) : result;
  }
}
