import { Controller } from '@nestjs/common';
import {
  AuthenticateApiKey,
  CreateApiKey,
  CreateOrganization,
  GetOrganization,
  ListOrganizations,
  RevokeApiKey,
  UpdateOrganization,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { HandleRpc } from '@portico/messaging';
import { OrganizationsService } from './organizations.service';

@Controller()
export class OrganizationsRpcHandler {
  constructor(private readonly organizations: OrganizationsService) {}

  @HandleRpc(CreateOrganization)
  create(
    request: RpcRequest<typeof CreateOrganization>,
  ): Promise<RpcResponse<typeof CreateOrganization>> {
    return this.organizations.create(request);
  }

  @HandleRpc(GetOrganization)
  async get(
    request: RpcRequest<typeof GetOrganization>,
  ): Promise<RpcResponse<typeof GetOrganization>> {
    return { organization: await this.organizations.get(request.organization_id) };
  }

  @HandleRpc(ListOrganizations)
  list(
    request: RpcRequest<typeof ListOrganizations>,
  ): Promise<RpcResponse<typeof ListOrganizations>> {
    return this.organizations.list(request.page, request.per_page);
  }

  @HandleRpc(UpdateOrganization)
  async update(
    request: RpcRequest<typeof UpdateOrganization>,
  ): Promise<RpcResponse<typeof UpdateOrganization>> {
    return {
      organization: await this.organizations.update(request.organization_id, request.changes),
    };
  }

  @HandleRpc(CreateApiKey)
  createApiKey(
    request: RpcRequest<typeof CreateApiKey>,
  ): Promise<RpcResponse<typeof CreateApiKey>> {
    return this.organizations.createApiKey(request.organization_id);
  }

  @HandleRpc(RevokeApiKey)
  async revokeApiKey(
    request: RpcRequest<typeof RevokeApiKey>,
  ): Promise<RpcResponse<typeof RevokeApiKey>> {
    return {
      api_key: await this.organizations.revokeApiKey(request.organization_id, request.api_key_id),
    };
  }

  @HandleRpc(AuthenticateApiKey)
  authenticate(
    request: RpcRequest<typeof AuthenticateApiKey>,
  ): Promise<RpcResponse<typeof AuthenticateApiKey>> {
    return this.organizations.authenticate(request.key_sha256);
  }
}
