import { z } from 'zod';
import type { ServiceName } from './service-name';

/** One request/reply between the gateway and a service: where it goes and what crosses the wire. */
export interface RpcContract<
  TRequest extends z.ZodType = z.ZodType,
  TResponse extends z.ZodType = z.ZodType,
> {
  readonly name: string;
  readonly service: ServiceName;
  readonly request: TRequest;
  readonly response: TResponse;
}

/** What a caller sends (before defaults and coercion). */
export type RpcInput<C extends RpcContract> = z.input<C['request']>;
/** What a handler receives: the request after validation. */
export type RpcRequest<C extends RpcContract> = z.output<C['request']>;
export type RpcResponse<C extends RpcContract> = z.output<C['response']>;

export function defineRpc<TRequest extends z.ZodType, TResponse extends z.ZodType>(
  contract: RpcContract<TRequest, TResponse>,
): RpcContract<TRequest, TResponse> {
  return contract;
}
