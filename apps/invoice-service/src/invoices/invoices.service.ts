import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  type GetInvoice,
  type ListInvoices,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { CustomerInvoicesCache, customerKey } from './customer-invoices.cache';
import {
  matching,
  newestFirst,
  toCustomerInvoice,
  totalsOf,
  type CustomerInvoice,
} from './customer-invoices';
import { decodeCursor, encodeCursor } from './invoice-cursor';
import { toInvoiceDetail } from './invoice-views';
import { InvoicesRepository } from './invoices.repository';

@Injectable()
export class InvoicesService {
  constructor(
    private readonly repository: InvoicesRepository,
    @Inject(CustomerInvoicesCache) private readonly cache: CustomerInvoicesCache,
  ) {}

  /**
   * Keyset pages in both directions over the customer's matching invoices, newest first. When the
   * customer's list is not in memory, the plain first page (the portal's landing) is also asked
   * of the database's index while the list loads, and whichever answers first is served: a big
   * customer's first page does not wait for all of its invoices.
   */
  async list(request: RpcRequest<typeof ListInvoices>): Promise<RpcResponse<typeof ListInvoices>> {
    const full = this.invoicesOf(request.organization_id, request.external_customer_id).then(
      (all) => this.pageOf(all, request),
    );
    const key = customerKey(request.organization_id, request.external_customer_id);
    const plainFirstPage = !request.cursor && request.filter === 'all' && !request.search;
    if (!plainFirstPage || !this.repository.sortsInDatabase || this.cache.peek(key)) return full;
    full.catch(() => undefined); // answered below either way; the load still warms the cache
    return Promise.any([this.firstPageFromIndex(request), full]).catch((error: AggregateError) =>
      Promise.reject(error.errors[0]),
    );
  }

  private async firstPageFromIndex(
    request: RpcRequest<typeof ListInvoices>,
  ): Promise<RpcResponse<typeof ListInvoices>> {
    const { organization_id: org, external_customer_id: customer, limit } = request;
    const [rows, total, totals] = await Promise.all([
      this.repository.newestVisible(org, customer, limit + 1),
      this.repository.countVisible(org, customer),
      request.with_totals ? this.repository.totalsVisible(org, customer) : undefined,
    ]);
    const page = rows.slice(0, limit).map(toCustomerInvoice);
    return {
      invoices: page.map((invoice) => invoice.summary),
      next_cursor: rows.length > limit ? encodeCursor('after', page.at(-1)!.key) : null,
      previous_cursor: null,
      total_count: total,
      offset: 0,
      ...(totals && { totals }),
    };
  }

  private pageOf(
    all: CustomerInvoice[],
    request: RpcRequest<typeof ListInvoices>,
  ): RpcResponse<typeof ListInvoices> {
    const matches = matching(all, request.filter, request.search || undefined);
    const cursor = request.cursor ? decodeCursor(request.cursor) : undefined;
    let start = 0;
    if (cursor?.direction === 'after') start = matches.findIndex((i) => i.key < cursor.key);
    if (cursor?.direction === 'before') {
      const newer = matches.findIndex((i) => i.key <= cursor.key);
      start = Math.max(0, (newer === -1 ? matches.length : newer) - request.limit);
    }
    if (start === -1) start = matches.length;
    const page = matches.slice(start, start + request.limit);
    const end = start + page.length;
    return {
      invoices: page.map((invoice) => invoice.summary),
      next_cursor: end < matches.length ? encodeCursor('after', page.at(-1)!.key) : null,
      previous_cursor: start > 0 && page.length > 0 ? encodeCursor('before', page[0]!.key) : null,
      total_count: matches.length,
      offset: start,
      ...(request.with_totals && { totals: totalsOf(all) }),
    };
  }

  async totals(organizationId: string, externalCustomerId: string) {
    return totalsOf(await this.invoicesOf(organizationId, externalCustomerId));
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

  private invoicesOf(organizationId: string, externalCustomerId: string) {
    return this.cache.get(
      customerKey(organizationId, externalCustomerId),
      async (): Promise<CustomerInvoice[]> =>
        newestFirst(
          (await this.repository.listVisible(organizationId, externalCustomerId)).map(
            toCustomerInvoice,
          ),
        ),
    );
  }
}
