import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  DeleteCustomer,
  GetCustomer,
  ListCustomers,
  UpsertCustomer,
  customerInputSchema,
  customerViewSchema,
  externalIdSchema,
  pageQuerySchema,
  paginationMetaSchema,
  type RpcResponse,
} from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import { z } from 'zod';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '../../openapi/zod-openapi';
import { RequestId } from '../../requests/request-id';
import { PortalSessionSource } from './portal-session-source';
import { ZodValidationPipe } from '../../validation/zod-validation.pipe';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { OrganizationId } from '../auth/organization-id.decorator';

const upsertBody = z.object({ customer: customerInputSchema });
const customerResponse = z.object({ customer: customerViewSchema });
const listResponse = z.object({
  customers: z.array(customerViewSchema),
  meta: paginationMetaSchema,
});

/** Lago's customer endpoints, for the fields the portal needs. */
@ApiTags('customers')
@ApiBearerAuth('api-key')
@ApiErrors(401, 503)
@UseGuards(ApiKeyGuard)
@Controller('api/v1/customers')
export class CustomersController {
  constructor(
    private readonly rpc: ServiceClient,
    private readonly portalSessions: PortalSessionSource,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Create or update a customer by external_id' })
  @ApiZodBody(upsertBody)
  @ApiZodResponse(200, 'The customer as stored', customerResponse)
  @ApiErrors(422)
  async upsert(
    @OrganizationId() organizationId: string,
    @Body(new ZodValidationPipe(upsertBody)) body: z.output<typeof upsertBody>,
    @RequestId() correlationId: string,
  ): Promise<{ customer: RpcResponse<typeof UpsertCustomer>['customer'] }> {
    const { customer } = await this.rpc.call(
      UpsertCustomer,
      { organization_id: organizationId, customer: body.customer },
      { correlationId },
    );
    return { customer };
  }

  @Get()
  @ApiOperation({ summary: "List the organization's customers, newest first" })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, default: 1 } })
  @ApiQuery({
    name: 'per_page',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  })
  @ApiZodResponse(200, 'One page of customers', listResponse)
  @ApiErrors(422)
  list(
    @OrganizationId() organizationId: string,
    @Query(new ZodValidationPipe(pageQuerySchema, 'query')) query: z.output<typeof pageQuerySchema>,
  ): Promise<RpcResponse<typeof ListCustomers>> {
    return this.rpc.call(ListCustomers, { organization_id: organizationId, ...query });
  }

  @Get(':external_id')
  @ApiOperation({ summary: 'Retrieve a customer' })
  @ApiParam({ name: 'external_id', description: "The customer's id in your system" })
  @ApiZodResponse(200, 'The customer', customerResponse)
  @ApiErrors(404)
  get(
    @OrganizationId() organizationId: string,
    @Param('external_id', new ZodValidationPipe(externalIdSchema, 'external_id'))
    externalId: string,
  ): Promise<RpcResponse<typeof GetCustomer>> {
    return this.rpc.call(GetCustomer, { organization_id: organizationId, external_id: externalId });
  }

  @Delete(':external_id')
  @ApiOperation({ summary: 'Delete a customer; its portal links stop working' })
  @ApiParam({ name: 'external_id', description: "The customer's id in your system" })
  @ApiZodResponse(200, 'The deleted customer', customerResponse)
  @ApiErrors(404)
  async delete(
    @OrganizationId() organizationId: string,
    @Param('external_id', new ZodValidationPipe(externalIdSchema, 'external_id'))
    externalId: string,
    @RequestId() correlationId: string,
  ): Promise<RpcResponse<typeof DeleteCustomer>> {
    const deleted = await this.rpc.call(
      DeleteCustomer,
      { organization_id: organizationId, external_id: externalId },
      { correlationId },
    );
    this.portalSessions.forgetCustomer(organizationId, externalId);
    return deleted;
  }
}
