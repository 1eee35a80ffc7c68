import { Injectable } from '@nestjs/common';
import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import type { EventContract, RpcContract } from '@portico/contracts';
import { AmqpConnection } from './amqp-connection';
import { EventPublisher } from './event-publisher';
import { RpcClient } from './rpc-client';

/** An RPC pattern: its contract, and optionally a timeout or correlation id for this call. */
export interface RpcCall {
  contract: RpcContract;
  timeoutMs?: number;
  correlationId?: string;
}

/**
 * Nest's `ClientProxy` over Portico's RPC client and event publisher: `send(contract, request)`
 * calls a service (timeouts, and 503-class errors when nobody answers, as `RpcClient` gives them)
 * and `emit(contract, envelope)` publishes an event with publisher confirms. Patterns are contracts
 * from `libs/contracts`, never strings. The broker connection belongs to `MessagingModule`, so
 * connect/close here only wait for it.
 */
@Injectable()
export class AmqpClientProxy extends ClientProxy {
  constructor(
    private readonly connection: AmqpConnection,
    private readonly rpc: RpcClient,
    private readonly publisher: EventPublisher,
  ) {
    super();
  }

  async connect(): Promise<void> {
    // RpcClient reports a missing connection itself, as service_unavailable, without waiting.
  }

  async close(): Promise<void> {
    // MessagingModule closes the connection when the application shuts down.
  }

  unwrap<T>(): T {
    return this.connection as T;
  }

  override on(event: string, callback: (...args: unknown[]) => void): void {
    this.connection.on(event, callback);
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const { contract, ...options } = asRpcCall(packet.pattern);
    this.rpc.call(contract, packet.data as never, options).then(
      (response) => callback({ response, isDisposed: true }),
      (err: unknown) => callback({ err }),
    );
    // An RPC on the wire cannot be withdrawn; its reply is dropped if nobody listens any more.
    return () => undefined;
  }

  protected async dispatchEvent<T = unknown>(packet: ReadPacket): Promise<T> {
    await this.publisher.publish(packet.pattern as EventContract, packet.data as never);
    return undefined as T;
  }
}

function asRpcCall(pattern: unknown): RpcCall {
  const candidate = pattern as Partial<RpcCall> & Partial<RpcContract>;
  if (candidate?.contract) return candidate as RpcCall;
  if (candidate?.name && candidate.service) return { contract: candidate as RpcContract };
  throw new Error('an RPC pattern is a contract from libs/contracts, not a string');
}
