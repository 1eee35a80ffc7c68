import { Controller } from '@nestjs/common';
import {
  DeleteCustomer,
  GetCustomer,
  ListCustomers,
  SearchCustomers,
  UpsertCustomer,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { HandleRpc, type RpcContext } from '@portico/messaging';
import { Ctx, Payload } from '@nestjs/microservices';
import { CustomersService } from './customers.service';

@Controller()
export class CustomersRpcHandler {
  constructor(private readonly customers: CustomersService) {}

  @HandleRpc(UpsertCustomer)
  upsert(
    @Payload() request: RpcRequest<typeof UpsertCustomer>,
    @Ctx() context: RpcContext,
  ): Promise<RpcResponse<typeof UpsertCustomer>> {
    return this.customers.upsertFromApi(
      request.organization_id,
      request.customer,
      context.correlationId,
    );
  }

  @HandleRpc(GetCustomer)
  async get(request: RpcRequest<typeof GetCustomer>): Promise<RpcResponse<typeof GetCustomer>> {
    return { customer: await this.customers.get(request.organization_id, request.external_id) };
  }

  @HandleRpc(ListCustomers)
  list(request: RpcRequest<typeof ListCustomers>): Promise<RpcResponse<typeof ListCustomers>> {
    return this.customers.list(request.organization_id, request.page, request.per_page, {
      searchTerm: request.search_term || undefined,
      countries: request.countries === undefined ? undefined : [request.countries].flat(),
      currencies: request.currencies === undefined ? undefined : [request.currencies].flat(),
      customerType: request.customer_type,
      hasTaxIdentificationNumber: request.has_tax_identification_number,
    });
  }

  @HandleRpc(SearchCustomers)
  search(
    request: RpcRequest<typeof SearchCustomers>,
  ): Promise<RpcResponse<typeof SearchCustomers>> {
    return this.customers.search(
      request.organization_id,
      request.query || undefined,
      request.page,
      request.per_page,
    );
  }

  @HandleRpc(DeleteCustomer)
  async delete(
    @Payload() request: RpcRequest<typeof DeleteCustomer>,
    @Ctx() context: RpcContext,
  ): Promise<RpcResponse<typeof DeleteCustomer>> {
    return {
      customer: await this.customers.delete(
        request.organization_id,
        request.external_id,
        context.correlationId,
      ),
    };
  }
}
