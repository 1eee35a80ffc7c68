import { Controller } from '@nestjs/common';
import {
  ChangeOperatorRole,
  CompleteOperatorSetup,
  InviteOperator,
  ListOperators,
  RemoveOperator,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { HandleRpc } from '@portico/messaging';
import { ConsoleSessionsService } from '../console-sessions/console-sessions.service';
import { OperatorsService } from './operators.service';

@Controller()
export class OperatorsRpcHandler {
  constructor(
    private readonly operators: OperatorsService,
    private readonly sessions: ConsoleSessionsService,
  ) {}

  @HandleRpc(InviteOperator)
  invite(request: RpcRequest<typeof InviteOperator>): Promise<RpcResponse<typeof InviteOperator>> {
    return this.operators.invite(request.organization_id, request.email, request.role);
  }

  @HandleRpc(CompleteOperatorSetup)
  complete(
    request: RpcRequest<typeof CompleteOperatorSetup>,
  ): Promise<RpcResponse<typeof CompleteOperatorSetup>> {
    return this.operators.completeSetup(request.token, request.password);
  }

  @HandleRpc(ListOperators)
  async list(
    request: RpcRequest<typeof ListOperators>,
  ): Promise<RpcResponse<typeof ListOperators>> {
    return { operators: await this.operators.list(request.organization_id) };
  }

  @HandleRpc(ChangeOperatorRole)
  async changeRole(
    request: RpcRequest<typeof ChangeOperatorRole>,
  ): Promise<RpcResponse<typeof ChangeOperatorRole>> {
    const changed = await this.operators.changeRole(
      request.organization_id,
      request.operator_id,
      request.role,
    );
    await this.sessions.operatorChanged(request.organization_id, request.operator_id);
    return changed;
  }

  @HandleRpc(RemoveOperator)
  async remove(
    request: RpcRequest<typeof RemoveOperator>,
  ): Promise<RpcResponse<typeof RemoveOperator>> {
    const operator = await this.operators.remove(request.organization_id, request.operator_id);
    await this.sessions.closeAllOf(request.organization_id, request.operator_id);
    return { operator };
  }
}
