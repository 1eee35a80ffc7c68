import { Injectable } from '@nestjs/common';
import { ListInvoices, type RpcRequest, type RpcResponse } from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import { customerTag } from './cache-tags';

type InvoicePage = RpcResponse<typeof ListInvoices>;
type InvoicePageQuery = Pick<
  RpcRequest<typeof ListInvoices>,
  'organization_id' | 'external_customer_id' | 'limit' | 'cursor' | 'with_totals'
>;

/**
 * The pages of a customer's invoices the details view shows (Overview: the latest with totals;
 * Invoices: a page by cursor), kept until the invoice-service announces it stored changes to
 * that customer's invoices (`portico.invoices.changed`) or customer-service a change to the
 * customer. Several operators on one customer, or one paging back and forth, cost no round trip.
 */
@Injectable()
export class InvoicePageCache {
  private readonly pages;

  constructor(
    private readonly rpc: ServiceClient,
    caches: ReplicaCaches,
  ) {
    this.pages = caches.create<{ tag: string; page: InvoicePage }>({
      ttlMs: 30_000,
      max: 5_000,
      tagsOf: ({ tag }) => [tag],
    });
  }

  async get(query: InvoicePageQuery): Promise<InvoicePage> {
    const key = [
      query.organization_id,
      query.external_customer_id,
      query.limit,
      query.with_totals ? 'totals' : '',
      query.cursor ?? '',
    ].join('\u0000');
    const { page } = await this.pages.getOrLoad(key, async () => ({
      tag: customerTag(query.organization_id, query.external_customer_id),
      page: await this.rpc.call(ListInvoices, { filter: 'all', ...query }),
    }));
    return page;
  }
}
