import { Inject, Injectable } from '@nestjs/common';
import type { TenantFilter } from '@portico/persistence';
import {
  DomainError,
  ErrorCode,
  paginationMeta,
  type CustomerView,
  type GetInvoice,
  type ListInvoices,
  type SearchInvoices,
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
import { PartiesRepository } from '../parties/parties.repository';
import type { InvoiceRecord } from './invoice-record';
import { toLagoInvoice } from './invoice-views';
import { InvoicesRepository } from './invoices.repository';

/** A search term matching more customers than this looks at the first ones only. */
const MAX_SEARCHED_CUSTOMERS = 1_000;

/** The portal's filters, as the derived flags each invoice is stored with. */
const PORTAL_FILTER_FIELDS = { paid: 'is_paid', unpaid: 'is_outstanding', overdue: 'is_overdue' };

/** Literal and case-insensitive: `inv.1*` finds "INV.1*" and nothing else. */
function literal(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}

@Injectable()
export class InvoicesService {
  constructor(
    private readonly repository: InvoicesRepository,
    @Inject(CustomerInvoicesCache) private readonly cache: CustomerInvoicesCache,
    private readonly parties: PartiesRepository,
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
    const customers = await this.customerViews(request.organization_id, [record]);
    return {
      invoice: toLagoInvoice(record, customers.get(record.external_customer_id) ?? null, {
        withFees: true,
      }),
    };
  }

  /** The API's list: numbered pages (Lago's) or keyset pages (`cursor`), over one query. */
  async search(
    request: RpcRequest<typeof SearchInvoices>,
  ): Promise<RpcResponse<typeof SearchInvoices>> {
    const filter = await this.searchFilter(request);
    const perPage = request.per_page;
    const cursor = request.cursor ? decodeCursor(request.cursor) : undefined;
    const total = await this.repository.count(filter);
    let records: InvoiceRecord[];
    let offset: number;
    if (cursor) {
      const after = cursor.direction === 'after';
      records = await this.repository.search(
        { ...filter, list_key: after ? { $lt: cursor.key } : { $gt: cursor.key } },
        { skip: 0, limit: perPage, ascending: !after },
      );
      if (!after) records.reverse();
      offset = records.length
        ? await this.repository.count({ ...filter, list_key: { $gt: records[0]!.list_key } })
        : after
          ? total
          : 0;
    } else {
      offset = (request.page - 1) * perPage;
      records = await this.repository.search(filter, { skip: offset, limit: perPage });
    }
    const customers = await this.customerViews(request.organization_id, records);
    const end = offset + records.length;
    const currentPage = cursor ? Math.floor(offset / perPage) + 1 : request.page;
    return {
      invoices: records.map((record) =>
        toLagoInvoice(record, customers.get(record.external_customer_id) ?? null, {
          withFees: false,
        }),
      ),
      meta: {
        ...paginationMeta(currentPage, perPage, total),
        next_cursor:
          end < total && records.length ? encodeCursor('after', records.at(-1)!.list_key) : null,
        previous_cursor:
          offset > 0 && records.length ? encodeCursor('before', records[0]!.list_key) : null,
      },
    };
  }

  private async searchFilter(
    request: RpcRequest<typeof SearchInvoices>,
  ): Promise<TenantFilter<InvoiceRecord>> {
    const filter: TenantFilter<InvoiceRecord> = {
      organization_id: request.organization_id,
      visible: true,
    };
    if (request.external_customer_id) filter.external_customer_id = request.external_customer_id;
    if (request.status) filter.status = request.status;
    // An invoice whose payment status has not arrived yet is shown as pending.
    if (request.payment_status === 'pending') filter.payment_status = { $in: ['pending', null] };
    else if (request.payment_status) filter.payment_status = request.payment_status;
    if (request.payment_overdue !== undefined) {
      filter.payment_overdue = request.payment_overdue ? true : { $ne: true };
    }
    if (request.invoice_type) filter['document.invoice_type'] = request.invoice_type;
    if (request.currency) filter.currency = request.currency;
    if (request.issuing_date_from || request.issuing_date_to) {
      filter['document.issuing_date'] = {
        ...(request.issuing_date_from && { $gte: request.issuing_date_from }),
        ...(request.issuing_date_to && { $lte: request.issuing_date_to }),
      };
    }
    if (request.filter !== 'all') filter[PORTAL_FILTER_FIELDS[request.filter]] = true;
    if (request.search) filter.number = literal(request.search);
    if (request.search_term) {
      const pattern = literal(request.search_term);
      const customers = await this.parties.customerIdsMatching(
        request.organization_id,
        pattern,
        MAX_SEARCHED_CUSTOMERS,
      );
      filter.$or = [
        { number: pattern },
        { upstream_id: pattern },
        { external_customer_id: pattern },
        ...(customers.length ? [{ external_customer_id: { $in: customers } }] : []),
      ];
    }
    return filter;
  }

  /** The customers of these invoices as the API answers them, one lookup per customer. */
  private async customerViews(
    organizationId: string,
    records: InvoiceRecord[],
  ): Promise<Map<string, CustomerView>> {
    const ids = [...new Set(records.map((record) => record.external_customer_id))];
    const profiles = await Promise.all(
      ids.map((id) => this.parties.findCustomer(organizationId, id)),
    );
    return new Map(
      profiles
        .filter((profile) => profile?.view)
        .map((profile) => [profile!.external_id, profile!.view!]),
    );
  }

  /** Loads the customer's list into memory if it is not there (BigCustomerWarmUp). */
  async warm(organizationId: string, externalCustomerId: string): Promise<void> {
    await this.invoicesOf(organizationId, externalCustomerId);
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
