import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { UpdateCustomerFromPortal, type RpcRequest, type RpcResponse } from '@portico/contracts';
import { HandleRpc, type RpcContext } from '@portico/messaging';
import { PortalDetailsService } from './portal-details.service';

@Controller()
export class PortalDetailsRpcHandler {
  constructor(private readonly details: PortalDetailsService) {}

  @HandleRpc(UpdateCustomerFromPortal)
  update(
    @Payload() request: RpcRequest<typeof UpdateCustomerFromPortal>,
    @Ctx() context: RpcContext,
  ): Promise<RpcResponse<typeof UpdateCustomerFromPortal>> {
    return this.details.update(request, context.correlationId);
  }
}
