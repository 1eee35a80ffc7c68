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
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  DeleteCustomer,
  GetCustomer,
  ListCustomers,
  UpsertCustomer,
  customerInputSchema,
  customerListQuerySchema,
  customerViewSchema,
  externalIdSchema,
  paginationMetaSchema,
  type RpcResponse,
} from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import { z } from 'zod';
import { ApiEndpoint, validBody, validParam, validQuery } from '../../http/openapi/api-endpoint';
import {
  exampleCustomer,
  exampleCustomerInput,
  examplePageMeta,
} from '../../http/openapi/api-examples';
import { RequestId } from '../../http/requests/request-id';
import { customerTag } from '../../caching/cache-tags';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { OrganizationId } from '../auth/organization-id.decorator';

const upsertBody = z.object({ customer: customerInputSchema });
const customerResponse = z.object({ customer: customerViewSchema });
const listResponse = z.object({
  customers: z.array(customerViewSchema),
  meta: paginationMetaSchema.meta({ id: 'PaginationMeta' }),
});
const externalId = {
  schema: externalIdSchema.meta({
    description: "The customer's id in your system",
    examples: ['cus_42'],
  }),
  pipes: [validParam],
};

/** Lago's customer endpoints: same paths, parameters and objects. */
@ApiTags('customers')
@ApiBearerAuth('api-key')
@UseGuards(ApiKeyGuard)
@Controller('api/v1/customers')
export class CustomersController {
  constructor(
    private readonly rpc: ServiceClient,
    private readonly caches: ReplicaCaches,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiEndpoint({
    summary: 'Create or update a customer by external_id',
    description:
      "Lago's `POST /customers`. Creates the customer, or updates the one with this `external_id`: " +
      'an omitted field keeps its value, `null` clears it, a given `metadata` list replaces the ' +
      'stored one. Every portal URL of the customer keeps working.',
    requestExample: { schema: upsertBody, value: { customer: exampleCustomerInput } },
    response: {
      description: 'The customer as stored',
      schema: customerResponse,
      example: { customer: exampleCustomer },
    },
    errors: [409, 422],
  })
  async upsert(
    @OrganizationId() organizationId: string,
    @Body({ schema: upsertBody, pipes: [validBody] }) body: z.output<typeof upsertBody>,
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
  @ApiEndpoint({
    summary: "List the organization's customers, newest first",
    description:
      "Lago's `GET /customers`: numbered pages (`page`, `per_page` up to 100) and Lago's filters. " +
      '`search_term` matches part of the external id, name, first or last name, legal name or ' +
      'email, in any case, literally. `countries` and `currencies` take one value or the key ' +
      'repeated (`currencies=EUR&currencies=USD`).',
    response: {
      description: 'One page of customers',
      schema: listResponse,
      example: { customers: [exampleCustomer], meta: examplePageMeta },
    },
    errors: [422],
  })
  list(
    @OrganizationId() organizationId: string,
    @Query({ schema: customerListQuerySchema, pipes: [validQuery] })
    query: z.output<typeof customerListQuerySchema>,
  ): Promise<RpcResponse<typeof ListCustomers>> {
    return this.rpc.call(ListCustomers, { organization_id: organizationId, ...query });
  }

  @Get(':external_id')
  @ApiEndpoint({
    summary: 'Retrieve a customer',
    description: "Lago's `GET /customers/:external_id`: the customer with this id in your system.",
    response: {
      description: 'The customer',
      schema: customerResponse,
      example: { customer: exampleCustomer },
    },
    errors: [404, 422],
  })
  get(
    @OrganizationId() organizationId: string,
    @Param('external_id', externalId) externalId: string,
  ): Promise<RpcResponse<typeof GetCustomer>> {
    return this.rpc.call(GetCustomer, { organization_id: organizationId, external_id: externalId });
  }

  @Delete(':external_id')
  @ApiEndpoint({
    summary: 'Delete a customer; its portal links stop working',
    description:
      "Lago's `DELETE /customers/:external_id`: answers the deleted customer. Every portal URL " +
      'issued for it stops working at once; its invoices stay stored.',
    response: {
      description: 'The deleted customer',
      schema: customerResponse,
      example: { customer: exampleCustomer },
    },
    errors: [404, 409, 422],
  })
  async delete(
    @OrganizationId() organizationId: string,
    @Param('external_id', externalId) externalId: string,
    @RequestId() correlationId: string,
  ): Promise<RpcResponse<typeof DeleteCustomer>> {
    const deleted = await this.rpc.call(
      DeleteCustomer,
      { organization_id: organizationId, external_id: externalId },
      { correlationId },
    );
    // The announcement reaches every gateway; this one must not answer from its caches meanwhile.
    this.caches.invalidate(customerTag(organizationId, externalId));
    return deleted;
  }
}
