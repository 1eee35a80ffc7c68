import { applyDecorators } from '@nestjs/common';
import { EventPattern, MessagePattern } from '@nestjs/microservices';
import type { EventContract, RpcContract } from '@portico/contracts';

export interface HandleEventOptions {
  /**
   * `service` (default): instances compete on the service's durable queue, with retries and
   * dead-lettering. `instance`: every running instance gets its own copy, best effort (caches).
   */
  scope?: 'service' | 'instance';
}

/** What the transport reads from a handler's extras to wire it to the right engine. */
export interface EventPatternExtras {
  contract: EventContract;
  scope: 'service' | 'instance';
}

export interface RpcPatternExtras {
  contract: RpcContract;
}

/**
 * `@EventPattern(contract.type)` for one event type of `libs/contracts`: the pattern comes from the
 * contract, never written by hand, and the contract rides along so the transport can validate.
 * Put it on a controller method; Nest's pipes, guards, interceptors and filters then apply.
 */
export function HandleEvent(
  contract: EventContract,
  options: HandleEventOptions = {},
): MethodDecorator {
  const extras: EventPatternExtras = { contract, scope: options.scope ?? 'service' };
  return applyDecorators(EventPattern<string>(contract.type, extras));
}

/** `@MessagePattern(contract.name)` for one RPC of `libs/contracts`, on a controller method. */
export function HandleRpc(contract: RpcContract): MethodDecorator {
  const extras: RpcPatternExtras = { contract };
  return applyDecorators(MessagePattern<string>(contract.name, extras));
}
