import { Injectable } from '@nestjs/common';
import {
  DeleteCustomer,
  GetCustomer,
  ListCustomers,
  UpsertCustomer,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { HandleRpc, type RpcContext } from '@portico/messaging';
import { CustomersService } from './customers.service';

@Injectable()
export class CustomersRpcHandler {
  constructor(private readonly customers: CustomersService) {}

  @HandleRpc(UpsertCustomer)
  upsert(
    request: RpcRequest<typeof UpsertCustomer>,
    context: RpcContext,
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

  @HandleRpc(DeleteCustomer)
  async delete(
    request: RpcRequest<typeof DeleteCustomer>,
    context: RpcContext,
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
