import { Injectable } from '@nestjs/common';
import {
  GetInvoice,
  GetInvoiceTotals,
  ListInvoices,
  SearchInvoices,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { HandleRpc } from '@portico/messaging';
import { InvoicesService } from './invoices.service';

@Injectable()
export class InvoicesRpcHandler {
  constructor(private readonly invoices: InvoicesService) {}

  @HandleRpc(ListInvoices)
  list(request: RpcRequest<typeof ListInvoices>): Promise<RpcResponse<typeof ListInvoices>> {
    return this.invoices.list(request);
  }

  @HandleRpc(GetInvoiceTotals)
  async totals(
    request: RpcRequest<typeof GetInvoiceTotals>,
  ): Promise<RpcResponse<typeof GetInvoiceTotals>> {
    return {
      totals: await this.invoices.totals(request.organization_id, request.external_customer_id),
    };
  }

  @HandleRpc(SearchInvoices)
  search(request: RpcRequest<typeof SearchInvoices>): Promise<RpcResponse<typeof SearchInvoices>> {
    return this.invoices.search(request);
  }

  @HandleRpc(GetInvoice)
  get(request: RpcRequest<typeof GetInvoice>): Promise<RpcResponse<typeof GetInvoice>> {
    return this.invoices.get(request);
  }
}
