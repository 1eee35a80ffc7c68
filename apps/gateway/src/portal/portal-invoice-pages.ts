import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, ListInvoices, type RpcResponse } from '@portico/contracts';
import { ReplicaCaches, ServiceClient, type ReplicaCache } from '@portico/messaging';
import { customerOfKey } from '../caching/cache-tags';
import type { PortalQuery } from './portal-page-view';

export const PORTAL_PAGE_SIZE = 20;

export type InvoicePage = RpcResponse<typeof ListInvoices>;

/**
 * The pages of a customer's invoice history the portal shows (with the customer's totals), as
 * the invoice-service answers them, kept by each gateway until the invoice-service announces a
 * change to that customer's invoices (portico.invoices.changed, published once stored), or for
 * a minute should an announcement be missed. Returning to the list, paging back and forth or
 * many people of one customer looking at it then cost no round trip through the broker.
 */
@Injectable()
export class PortalInvoicePages {
  private readonly pages: ReplicaCache<InvoicePage>;

  constructor(
    private readonly rpc: ServiceClient,
    caches: ReplicaCaches,
  ) {
    this.pages = caches.create<InvoicePage>({
      ttlMs: 60_000,
      // A page of 20 summaries is ~10–20 KB: this bounds the copy to tens of MB.
      max: 2_000,
      tagsOf: customerOfKey,
    });
  }

  /** A cursor from an old or edited link that the service refuses: the first page instead. */
  async page(
    organizationId: string,
    externalCustomerId: string,
    query: PortalQuery,
  ): Promise<InvoicePage> {
    try {
      return await this.load(organizationId, externalCustomerId, query);
    } catch (error) {
      if (
        !(error instanceof DomainError) ||
        error.code !== ErrorCode.ValidationFailed ||
        !query.cursor
      )
        throw error;
      return this.load(organizationId, externalCustomerId, { ...query, cursor: undefined });
    }
  }

  private load(organizationId: string, externalCustomerId: string, query: PortalQuery) {
    // The query is the customer's own input: JSON keeps its parts apart whatever they hold.
    const key = `${organizationId}\u0000${externalCustomerId}\u0000${JSON.stringify([query.filter, query.search, query.cursor])}`;
    return this.pages.getOrLoad(key, () =>
      this.rpc.call(ListInvoices, {
        organization_id: organizationId,
        external_customer_id: externalCustomerId,
        filter: query.filter,
        search: query.search || undefined,
        cursor: query.cursor,
        limit: PORTAL_PAGE_SIZE,
        with_totals: true,
      }),
    );
  }
}
