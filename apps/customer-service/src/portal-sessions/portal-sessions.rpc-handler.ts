import { Controller } from '@nestjs/common';
import {
  OpenPortalSession,
  RevokePortalSessions,
  VerifyPortalSession,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { HandleRpc, type RpcContext } from '@portico/messaging';
import { Ctx, Payload } from '@nestjs/microservices';
import { PortalSessionsService } from './portal-sessions.service';

@Controller()
export class PortalSessionsRpcHandler {
  constructor(private readonly sessions: PortalSessionsService) {}

  @HandleRpc(OpenPortalSession)
  open(
    request: RpcRequest<typeof OpenPortalSession>,
  ): Promise<RpcResponse<typeof OpenPortalSession>> {
    return this.sessions.open(request.organization_id, request.external_customer_id);
  }

  @HandleRpc(RevokePortalSessions)
  revoke(
    @Payload() request: RpcRequest<typeof RevokePortalSessions>,
    @Ctx() context: RpcContext,
  ): Promise<RpcResponse<typeof RevokePortalSessions>> {
    return this.sessions.revokeAll(
      request.organization_id,
      request.external_customer_id,
      context.correlationId,
    );
  }

  @HandleRpc(VerifyPortalSession)
  verify(
    request: RpcRequest<typeof VerifyPortalSession>,
  ): Promise<RpcResponse<typeof VerifyPortalSession>> {
    return this.sessions.verify(request.organization_id, request.customer_id, request.generation);
  }
}
