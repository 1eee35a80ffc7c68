import { Injectable } from '@nestjs/common';
import type { RpcContract, RpcInput, RpcResponse } from '@portico/contracts';
import { lastValueFrom } from 'rxjs';
import { AmqpClientProxy } from './amqp-client-proxy';

/**
 * The typed face of `AmqpClientProxy` for callers that await one answer: the contract types the
 * request and the response, so no call site casts or writes a pattern.
 */
@Injectable()
export class ServiceClient {
  constructor(private readonly proxy: AmqpClientProxy) {}

  call<C extends RpcContract>(
    contract: C,
    request: RpcInput<C>,
    options: { timeoutMs?: number; correlationId?: string } = {},
  ): Promise<RpcResponse<C>> {
    return lastValueFrom(this.proxy.send<RpcResponse<C>>({ contract, ...options }, request));
  }
}
