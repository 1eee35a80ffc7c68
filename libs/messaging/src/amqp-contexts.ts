import { BaseRpcContext } from '@nestjs/microservices';
import type { EventContext } from './event-consumer';
import type { RpcContext } from './rpc-server';

/**
 * What `@Ctx()` gives an event handler (and what a plain second parameter receives): the
 * delivery's facts, readable as fields so handlers written against `EventContext` keep working.
 */
export class AmqpEventContext
  extends BaseRpcContext<[EventContext, string]>
  implements EventContext
{
  readonly messageId?: string;
  readonly routingKey: string;
  readonly redelivered: boolean;
  readonly attempt: number;
  readonly correlationId?: string;

  constructor(delivery: EventContext, pattern: string) {
    super([delivery, pattern]);
    this.messageId = delivery.messageId;
    this.routingKey = delivery.routingKey;
    this.redelivered = delivery.redelivered;
    this.attempt = delivery.attempt;
    this.correlationId = delivery.correlationId;
  }

  getPattern(): string {
    return this.args[1];
  }
}

/** What `@Ctx()` gives an RPC handler. */
export class AmqpRpcContext
  extends BaseRpcContext<[RpcContext, string, string]>
  implements RpcContext
{
  readonly correlationId?: string;

  constructor(request: RpcContext, pattern: string, service: string) {
    super([request, pattern, service]);
    this.correlationId = request.correlationId;
  }

  getPattern(): string {
    return this.args[1];
  }

  /** The service answering, for messages that name it. */
  getService(): string {
    return this.args[2];
  }
}
