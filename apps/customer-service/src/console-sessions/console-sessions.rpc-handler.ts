import { Controller } from '@nestjs/common';
import {
  CloseConsoleSessions,
  OpenConsoleSession,
  ResolveConsoleSession,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { HandleRpc } from '@portico/messaging';
import { ConsoleSessionsService } from './console-sessions.service';

@Controller()
export class ConsoleSessionsRpcHandler {
  constructor(private readonly sessions: ConsoleSessionsService) {}

  @HandleRpc(OpenConsoleSession)
  open(
    request: RpcRequest<typeof OpenConsoleSession>,
  ): Promise<RpcResponse<typeof OpenConsoleSession>> {
    return this.sessions.open(request);
  }

  @HandleRpc(ResolveConsoleSession)
  async resolve(
    request: RpcRequest<typeof ResolveConsoleSession>,
  ): Promise<RpcResponse<typeof ResolveConsoleSession>> {
    return { session: await this.sessions.resolve(request.token) };
  }

  @HandleRpc(CloseConsoleSessions)
  async close(
    request: RpcRequest<typeof CloseConsoleSessions>,
  ): Promise<RpcResponse<typeof CloseConsoleSessions>> {
    return { closed: await this.sessions.close(request.token, request.scope) };
  }
}
