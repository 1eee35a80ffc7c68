import { Controller } from '@nestjs/common';
import {
  GetLagoApiAccess,
  GetLagoSettings,
  GetLagoWebhookKeys,
  UpdateLagoSettings,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { HandleRpc } from '@portico/messaging';
import { LagoSettingsService } from './lago-settings.service';

@Controller()
export class LagoSettingsRpcHandler {
  constructor(private readonly settings: LagoSettingsService) {}

  @HandleRpc(GetLagoSettings)
  async get(
    request: RpcRequest<typeof GetLagoSettings>,
  ): Promise<RpcResponse<typeof GetLagoSettings>> {
    return { lago: await this.settings.get(request.organization_id) };
  }

  @HandleRpc(UpdateLagoSettings)
  async update(
    request: RpcRequest<typeof UpdateLagoSettings>,
  ): Promise<RpcResponse<typeof UpdateLagoSettings>> {
    return { lago: await this.settings.update(request.organization_id, request.changes) };
  }

  @HandleRpc(GetLagoWebhookKeys)
  webhookKeys(
    request: RpcRequest<typeof GetLagoWebhookKeys>,
  ): Promise<RpcResponse<typeof GetLagoWebhookKeys>> {
    return this.settings.webhookKeys(request.organization_id);
  }

  @HandleRpc(GetLagoApiAccess)
  async apiAccess(
    request: RpcRequest<typeof GetLagoApiAccess>,
  ): Promise<RpcResponse<typeof GetLagoApiAccess>> {
    return { access: await this.settings.apiAccess(request.organization_id) };
  }
}
