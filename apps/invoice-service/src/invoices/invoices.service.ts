import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  type GetInvoice,
  type ListInvoices,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { decodeCursor, encodeCursor } from './invoice-cursor';
import { toInvoiceDetail, toInvoiceSummary } from './invoice-views';
import { InvoicesRepository } from './invoices.repository';

@Injectable()
export class InvoicesService {
  constructor(private readonly repository: InvoicesRepository) {}

  async list(request: RpcRequest<typeof ListInvoices>): Promise<RpcResponse<typeof ListInvoices>> {
    const query = {
      organizationId: request.organization_id,
      externalCustomerId: request.external_customer_id,
      filter: request.filter,
      search: request.search || undefined,
    };
    const [page, total] = await Promise.all([
      this.repository.list({
        ...query,
        afterKey: request.cursor ? decodeCursor(request.cursor) : undefined,
        limit: request.limit,
      }),
      // Counting costs a scan of the customer's matches: done for the first page only.
      request.cursor ? Promise.resolve(null) : this.repository.count(query),
    ]);
    const invoices = page.slice(0, request.limit);
    const hasMore = page.length > request.limit;
    return {
      invoices: invoices.map(toInvoiceSummary),
      next_cursor: hasMore ? encodeCursor(invoices.at(-1)!.list_key) : null,
      total_count: total,
    };
  }

  async totals(organizationId: string, externalCustomerId: string) {
    const rows = await this.repository.totals(organizationId, externalCustomerId);
    return rows.map((row) => ({
      currency: row._id,
      invoices_count: row.invoices_count,
      total_invoiced_cents: row.total_invoiced_cents,
      total_outstanding_cents: row.total_outstanding_cents,
      total_overdue_cents: row.total_overdue_cents,
    }));
  }

  async get(request: RpcRequest<typeof GetInvoice>): Promise<RpcResponse<typeof GetInvoice>> {
    const record = await this.repository.findVisible(
      request.organization_id,
      request.invoice_id,
      request.external_customer_id,
    );
    if (!record)
      throw new DomainError(ErrorCode.InvoiceNotFound, `invoice "${request.invoice_id}" not found`);
    return { invoice: toInvoiceDetail(record) };
  }
}
