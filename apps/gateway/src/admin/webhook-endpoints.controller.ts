import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
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
  webhookDeliveryViewSchema,
  webhookEndpointChangesSchema,
  webhookEndpointInputSchema,
  webhookEndpointViewSchema,
  type RpcResponse,
} from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import { z } from 'zod';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '../http/openapi/zod-openapi';
import { ZodValidationPipe } from '../http/validation/zod-validation.pipe';
import { AdminTokenGuard } from './admin-token.guard';

const organizationId = new ZodValidationPipe(z.string().min(1).max(63), 'organization id');
const endpointId = new ZodValidationPipe(z.string().min(1).max(100), 'webhook endpoint id');
const deliveryId = new ZodValidationPipe(z.string().min(1).max(100), 'delivery id');
const rotateSchema = z.object({
  overlap_seconds: z
    .number()
    .int()
    .min(0)
    .max(604_800)
    .optional()
    .describe('How long the old secret keeps signing too; default 24 hours'),
});
const deliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

const endpointResponse = z.object({ webhook_endpoint: webhookEndpointViewSchema });
const withSecretResponse = z.object({
  webhook_endpoint: webhookEndpointViewSchema,
  secret: z.string().describe('The whsec_ signing secret, shown this once'),
});
const listResponse = z.object({ webhook_endpoints: z.array(webhookEndpointViewSchema) });
const deliveriesResponse = z.object({ deliveries: z.array(webhookDeliveryViewSchema) });
const deliveryResponse = z.object({ delivery: webhookDeliveryViewSchema });

/** An organization's outbound webhook endpoints and their delivery log (docs/webhooks.md). */
@ApiTags('admin')
@ApiBearerAuth('admin-token')
@ApiErrors(401, 404, 503)
@UseGuards(AdminTokenGuard)
@Controller('admin/v1/organizations/:id/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(private readonly rpc: ServiceClient) {}

  @Post()
  @ApiOperation({ summary: 'Add a webhook endpoint; its signing secret is shown this once' })
  @ApiParam({ name: 'id' })
  @ApiZodBody(webhookEndpointInputSchema)
  @ApiZodResponse(201, 'The endpoint and its secret', withSecretResponse)
  @ApiErrors(422)
  create(
    @Param('id', organizationId) id: string,
    @Body(new ZodValidationPipe(webhookEndpointInputSchema))
    endpoint: z.output<typeof webhookEndpointInputSchema>,
  ): Promise<RpcResponse<typeof CreateWebhookEndpoint>> {
    return this.rpc.call(CreateWebhookEndpoint, { organization_id: id, endpoint });
  }

  @Get()
  @ApiOperation({ summary: "The organization's webhook endpoints, oldest first" })
  @ApiParam({ name: 'id' })
  @ApiZodResponse(200, 'The endpoints', listResponse)
  list(@Param('id', organizationId) id: string): Promise<RpcResponse<typeof ListWebhookEndpoints>> {
    return this.rpc.call(ListWebhookEndpoints, { organization_id: id });
  }

  @Get(':endpointId')
  @ApiOperation({ summary: 'One endpoint, with whether Portico disabled it for failing' })
  @ApiParam({ name: 'id' })
  @ApiParam({ name: 'endpointId' })
  @ApiZodResponse(200, 'The endpoint', endpointResponse)
  get(
    @Param('id', organizationId) id: string,
    @Param('endpointId', endpointId) endpoint: string,
  ): Promise<RpcResponse<typeof GetWebhookEndpoint>> {
    return this.rpc.call(GetWebhookEndpoint, { organization_id: id, endpoint_id: endpoint });
  }

  @Put(':endpointId')
  @ApiOperation({
    summary: 'Change URL, description, event types or enabled; omitted fields keep their value',
  })
  @ApiParam({ name: 'id' })
  @ApiParam({ name: 'endpointId' })
  @ApiZodBody(webhookEndpointChangesSchema)
  @ApiZodResponse(200, 'The endpoint as updated', endpointResponse)
  @ApiErrors(422)
  update(
    @Param('id', organizationId) id: string,
    @Param('endpointId', endpointId) endpoint: string,
    @Body(new ZodValidationPipe(webhookEndpointChangesSchema))
    changes: z.output<typeof webhookEndpointChangesSchema>,
  ): Promise<RpcResponse<typeof UpdateWebhookEndpoint>> {
    return this.rpc.call(UpdateWebhookEndpoint, {
      organization_id: id,
      endpoint_id: endpoint,
      changes,
    });
  }

  @Delete(':endpointId')
  @ApiOperation({ summary: 'Remove an endpoint and its delivery log' })
  @ApiParam({ name: 'id' })
  @ApiParam({ name: 'endpointId' })
  @ApiZodResponse(200, 'The removed endpoint', endpointResponse)
  remove(
    @Param('id', organizationId) id: string,
    @Param('endpointId', endpointId) endpoint: string,
  ): Promise<RpcResponse<typeof DeleteWebhookEndpoint>> {
    return this.rpc.call(DeleteWebhookEndpoint, { organization_id: id, endpoint_id: endpoint });
  }

  @Post(':endpointId/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'New signing secret; the old one also signs during the overlap window',
  })
  @ApiParam({ name: 'id' })
  @ApiParam({ name: 'endpointId' })
  @ApiZodBody(rotateSchema)
  @ApiZodResponse(200, 'The endpoint and its new secret (shown this once)', withSecretResponse)
  @ApiErrors(422)
  rotate(
    @Param('id', organizationId) id: string,
    @Param('endpointId', endpointId) endpoint: string,
    @Body(new ZodValidationPipe(rotateSchema)) body: z.output<typeof rotateSchema>,
  ): Promise<RpcResponse<typeof RotateWebhookSecret>> {
    return this.rpc.call(RotateWebhookSecret, {
      organization_id: id,
      endpoint_id: endpoint,
      overlap_seconds: body.overlap_seconds,
    });
  }

  @Get(':endpointId/deliveries')
  @ApiOperation({ summary: 'The delivery log: recent deliveries, newest first, with attempts' })
  @ApiParam({ name: 'id' })
  @ApiParam({ name: 'endpointId' })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  })
  @ApiZodResponse(200, 'Deliveries', deliveriesResponse)
  @ApiErrors(422)
  deliveries(
    @Param('id', organizationId) id: string,
    @Param('endpointId', endpointId) endpoint: string,
    @Query(new ZodValidationPipe(deliveriesQuery, 'query')) query: z.output<typeof deliveriesQuery>,
  ): Promise<RpcResponse<typeof ListWebhookDeliveries>> {
    return this.rpc.call(ListWebhookDeliveries, {
      organization_id: id,
      endpoint_id: endpoint,
      limit: query.limit,
    });
  }

  @Post(':endpointId/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivery again: same webhook-id and body, a fresh schedule' })
  @ApiParam({ name: 'id' })
  @ApiParam({ name: 'endpointId' })
  @ApiParam({ name: 'deliveryId' })
  @ApiZodResponse(202, 'The delivery, queued again', deliveryResponse)
  @ApiErrors(409)
  redeliver(
    @Param('id', organizationId) id: string,
    @Param('endpointId', endpointId) endpoint: string,
    @Param('deliveryId', deliveryId) delivery: string,
  ): Promise<RpcResponse<typeof RedeliverWebhook>> {
    return this.rpc.call(RedeliverWebhook, {
      organization_id: id,
      endpoint_id: endpoint,
      delivery_id: delivery,
    });
  }

  @Post(':endpointId/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue a portico.test delivery to this endpoint' })
  @ApiParam({ name: 'id' })
  @ApiParam({ name: 'endpointId' })
  @ApiZodResponse(202, 'The test delivery, queued', deliveryResponse)
  @ApiErrors(409)
  test(
    @Param('id', organizationId) id: string,
    @Param('endpointId', endpointId) endpoint: string,
  ): Promise<RpcResponse<typeof TestWebhookEndpoint>> {
    return this.rpc.call(TestWebhookEndpoint, { organization_id: id, endpoint_id: endpoint });
  }
}
