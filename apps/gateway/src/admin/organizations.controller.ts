import { Body, Controller, Delete, Get, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  CreateApiKey,
  CreateOrganization,
  GetOrganization,
  ListOrganizations,
  RevokeApiKey,
  UpdateOrganization,
  apiKeyViewSchema,
  createOrganizationSchema,
  organizationViewSchema,
  pageQuerySchema,
  paginationMetaSchema,
  updateOrganizationSchema,
  type RpcResponse,
} from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import { z } from 'zod';
import { organizationTag } from '../caching/cache-tags';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '../http/openapi/zod-openapi';
import { ZodValidationPipe } from '../http/validation/zod-validation.pipe';
import { AdminTokenGuard } from './admin-token.guard';

const organizationId = new ZodValidationPipe(z.string().min(1).max(63), 'organization id');
const organizationResponse = z.object({ organization: organizationViewSchema });
const createdResponse = z.object({
  organization: organizationViewSchema,
  api_key: z.string().describe('Shown this once; only its hash is stored'),
});
const listResponse = z.object({
  organizations: z.array(organizationViewSchema),
  meta: paginationMetaSchema,
});
const newKeyResponse = z.object({
  api_key: apiKeyViewSchema,
  key: z.string().describe('Shown this once'),
});
const revokedKeyResponse = z.object({ api_key: apiKeyViewSchema });

/** Run by whoever operates Portico, with PORTICO_ADMIN_TOKEN. */
@ApiTags('admin')
@ApiBearerAuth('admin-token')
@ApiErrors(401, 503)
@UseGuards(AdminTokenGuard)
@Controller('admin/v1/organizations')
export class OrganizationsController {
  constructor(
    private readonly rpc: ServiceClient,
    private readonly caches: ReplicaCaches,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create an organization and its first API key' })
  @ApiZodBody(createOrganizationSchema)
  @ApiZodResponse(201, 'The organization, and its API key (shown this once)', createdResponse)
  @ApiErrors(409, 422)
  create(
    @Body(new ZodValidationPipe(createOrganizationSchema))
    body: z.output<typeof createOrganizationSchema>,
  ): Promise<RpcResponse<typeof CreateOrganization>> {
    return this.rpc.call(CreateOrganization, body);
  }

  @Get()
  @ApiOperation({ summary: 'List organizations, newest first' })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, default: 1 } })
  @ApiQuery({
    name: 'per_page',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  })
  @ApiZodResponse(200, 'One page of organizations', listResponse)
  list(
    @Query(new ZodValidationPipe(pageQuerySchema, 'query')) query: z.output<typeof pageQuerySchema>,
  ): Promise<RpcResponse<typeof ListOrganizations>> {
    return this.rpc.call(ListOrganizations, query);
  }

  @Get(':id')
  @ApiOperation({ summary: "An organization's settings and API keys (never the keys themselves)" })
  @ApiParam({ name: 'id' })
  @ApiZodResponse(200, 'The organization', organizationResponse)
  @ApiErrors(404)
  get(@Param('id', organizationId) id: string): Promise<RpcResponse<typeof GetOrganization>> {
    return this.rpc.call(GetOrganization, { organization_id: id });
  }

  @Put(':id')
  @ApiOperation({ summary: 'Update settings; omitted fields keep their value, null clears one' })
  @ApiParam({ name: 'id' })
  @ApiZodBody(updateOrganizationSchema)
  @ApiZodResponse(200, 'The organization as updated', organizationResponse)
  @ApiErrors(404, 422)
  update(
    @Param('id', organizationId) id: string,
    @Body(new ZodValidationPipe(updateOrganizationSchema))
    changes: z.output<typeof updateOrganizationSchema>,
  ): Promise<RpcResponse<typeof UpdateOrganization>> {
    return this.rpc.call(UpdateOrganization, { organization_id: id, changes });
  }

  @Post(':id/api_keys')
  @ApiOperation({
    summary: 'Issue another API key (rotate: issue, deploy it, then revoke the old one)',
  })
  @ApiParam({ name: 'id' })
  @ApiZodResponse(201, 'The new key (shown this once)', newKeyResponse)
  @ApiErrors(404)
  createApiKey(@Param('id', organizationId) id: string): Promise<RpcResponse<typeof CreateApiKey>> {
    return this.rpc.call(CreateApiKey, { organization_id: id });
  }

  @Delete(':id/api_keys/:api_key_id')
  @ApiOperation({ summary: 'Revoke an API key; it stops working at once' })
  @ApiParam({ name: 'id' })
  @ApiParam({ name: 'api_key_id' })
  @ApiZodResponse(200, 'The revoked key', revokedKeyResponse)
  @ApiErrors(404)
  async revokeApiKey(
    @Param('id', organizationId) id: string,
    @Param('api_key_id', new ZodValidationPipe(z.string().min(1).max(100), 'api key id'))
    keyId: string,
  ): Promise<RpcResponse<typeof RevokeApiKey>> {
    const revoked = await this.rpc.call(RevokeApiKey, { organization_id: id, api_key_id: keyId });
    // Other gateways forget on the change event; this one must not answer from cache meanwhile.
    this.caches.invalidate(organizationTag(id));
    return revoked;
  }
}
