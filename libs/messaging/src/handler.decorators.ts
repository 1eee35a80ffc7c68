import type { EventContract, RpcContract } from '@portico/contracts';

export const EVENT_HANDLER = Symbol('portico:event-handler');
export const RPC_HANDLER = Symbol('portico:rpc-handler');

export interface HandleEventOptions {
  /**
   * `service` (default): instances compete on the service's durable queue, with retries and
   * dead-lettering. `instance`: every running instance gets its own copy, best effort (caches).
   */
  scope?: 'service' | 'instance';
}

export interface EventHandlerMetadata {
  contract: EventContract;
  scope: 'service' | 'instance';
}

/** Marks a provider method as the handler of one event type. */
export function HandleEvent(
  contract: EventContract,
  options: HandleEventOptions = {},
): MethodDecorator {
  return (_target, _key, descriptor) => {
    const metadata: EventHandlerMetadata = { contract, scope: options.scope ?? 'service' };
    Reflect.defineMetadata(EVENT_HANDLER, metadata, descriptor.value as object);
    return descriptor;
  };
}

/** Marks a provider method as the answer to one RPC. */
export function HandleRpc(contract: RpcContract): MethodDecorator {
  return (_target, _key, descriptor) => {
    Reflect.defineMetadata(RPC_HANDLER, contract, descriptor.value as object);
    return descriptor;
  };
}
