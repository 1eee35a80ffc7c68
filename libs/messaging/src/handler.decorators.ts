import type { EventContract, RpcContract } from '@portico/contracts';

export const EVENT_HANDLER = Symbol('portico:event-handler');
export const RPC_HANDLER = Symbol('portico:rpc-handler');

/** Marks a provider method as the handler of one event type on this service's queue. */
export function HandleEvent(contract: EventContract): MethodDecorator {
  return (_target, _key, descriptor) => {
    Reflect.defineMetadata(EVENT_HANDLER, contract, descriptor.value as object);
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
