import { Injectable } from '@nestjs/common';
import {
  CreateWebhookEndpoint,
  DeleteWebhookEndpoint,
  GetWebhookEndpoint,
  ListWebhookDeliveries,
  ListWebhookEndpoints,
  RedeliverWebhook,
  RotateWebhookSecret,
  TestWebhookEndpoint,
  UpdateWebhookEndpoint,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { HandleRpc } from '@portico/messaging';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookEndpointsService } from './webhook-endpoints.service';

@Injectable()
export class WebhooksRpcHandler {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly deliveries: WebhookDeliveriesService,
  ) {}

  @HandleRpc(CreateWebhookEndpoint)
  create(
    request: RpcRequest<typeof CreateWebhookEndpoint>,
  ): Promise<RpcResponse<typeof CreateWebhookEndpoint>> {
    return this.endpoints.create(request.organization_id, request.endpoint);
  }

  @HandleRpc(ListWebhookEndpoints)
  async list(
    request: RpcRequest<typeof ListWebhookEndpoints>,
  ): Promise<RpcResponse<typeof ListWebhookEndpoints>> {
    return { webhook_endpoints: await this.endpoints.list(request.organization_id) };
  }

  @HandleRpc(GetWebhookEndpoint)
  async get(
    request: RpcRequest<typeof GetWebhookEndpoint>,
  ): Promise<RpcResponse<typeof GetWebhookEndpoint>> {
    return {
      webhook_endpoint: await this.endpoints.get(request.organization_id, request.endpoint_id),
    };
  }

  @HandleRpc(UpdateWebhookEndpoint)
  async update(
    request: RpcRequest<typeof UpdateWebhookEndpoint>,
  ): Promise<RpcResponse<typeof UpdateWebhookEndpoint>> {
    return {
      webhook_endpoint: await this.endpoints.update(
        request.organization_id,
        request.endpoint_id,
        request.changes,
      ),
    };
  }

  @HandleRpc(DeleteWebhookEndpoint)
  async remove(
    request: RpcRequest<typeof DeleteWebhookEndpoint>,
  ): Promise<RpcResponse<typeof DeleteWebhookEndpoint>> {
    return {
      webhook_endpoint: await this.endpoints.remove(request.organization_id, request.endpoint_id),
    };
  }

  @HandleRpc(RotateWebhookSecret)
  rotate(
    request: RpcRequest<typeof RotateWebhookSecret>,
  ): Promise<RpcResponse<typeof RotateWebhookSecret>> {
    return this.endpoints.rotateSecret(
      request.organization_id,
      request.endpoint_id,
      request.overlap_seconds,
    );
  }

  @HandleRpc(ListWebhookDeliveries)
  async deliveriesOf(
    request: RpcRequest<typeof ListWebhookDeliveries>,
  ): Promise<RpcResponse<typeof ListWebhookDeliveries>> {
    return {
      deliveries: await this.deliveries.list(
        request.organization_id,
        request.endpoint_id,
        request.limit,
      ),
    };
  }

  @HandleRpc(RedeliverWebhook)
  async redeliver(
    request: RpcRequest<typeof RedeliverWebhook>,
  ): Promise<RpcResponse<typeof RedeliverWebhook>> {
    return {
      delivery: await this.deliveries.redeliver(
        request.organization_id,
        request.endpoint_id,
        request.delivery_id,
      ),
    };
  }

  @HandleRpc(TestWebhookEndpoint)
  async test(
    request: RpcRequest<typeof TestWebhookEndpoint>,
  ): Promise<RpcResponse<typeof TestWebhookEndpoint>> {
    return {
      delivery: await this.deliveries.sendTest(request.organization_id, request.endpoint_id),
    };
  }
}
