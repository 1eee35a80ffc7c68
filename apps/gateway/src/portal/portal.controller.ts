import { Controller, Get, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, ErrorCode, INVOICE_FILTERS, ListInvoices } from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { PortalErrorFilter } from './portal-error.filter';
import { PortalFrame } from './portal-frame';
import { filtersView, resultsView, totalsView, type PortalQuery } from './portal-page-view';
import { PortalSectionLoader } from './portal-section-loader';
import { PortalSessionGuard, type PortalRequest } from '../portal-sessions/portal-session.guard';
import { PortalViews } from './portal-views';

export const PORTAL_PAGE_SIZE = 20;

/** A hand-edited URL never breaks the page: unknown values fall back to the defaults. */
export const pageQuery = z.object({
  filter: z.enum(INVOICE_FILTERS).catch('all'),
  search: z
    .string()
    .catch('')
    .transform((value) => value.trim().slice(0, 100)),
  cursor: z.string().max(600).optional().catch(undefined),
  fragment: z.literal('results').optional().catch(undefined),
});

/** The portal's first page: the sections of the account, then the invoice history. */
@ApiExcludeController()
@UseGuards(PortalSessionGuard)
@UseFilters(PortalErrorFilter)
@Controller('customer-portal/:token')
export class PortalController {
  constructor(
    private readonly rpc: ServiceClient,
    private readonly views: PortalViews,
    private readonly frame: PortalFrame,
    private readonly sections: PortalSectionLoader,
  ) {}

  @Get()
  async page(
    @Req() request: PortalRequest,
    @Query() rawQuery: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { locale } = request.portalSession;
    const { fragment, ...query } = pageQuery.parse(rawQuery ?? {});
    const basePath = this.frame.basePath(request);
    const [page, sections] = await Promise.all([
      this.listPage(
        request.portalSession.organization.id,
        request.portalSession.customer.external_id,
        query,
      ),
      fragment
        ? { sectionsBefore: [], sectionsAfter: [] }
        : this.sections.load({ session: request.portalSession, locale, basePath }),
    ]);
    const customerHasInvoices = (page.totals ?? []).some((row) => row.invoices_count > 0);
    const results = resultsView(basePath, query, page, locale, customerHasInvoices);
    const frame = this.frame.open(request, reply, {
      titleKey: 'portal.page_title',
      current: 'billing',
    });
    if (fragment) {
      void reply.send(this.views.results(results, locale));
      return;
    }
    void reply.send(
      this.views.invoices({
        ...frame,
        ...sections,
        filterParam: query.filter === 'all' ? null : query.filter,
        search: query.search,
        totals: totalsView(page.totals ?? [], locale),
        filters: filtersView(basePath, query),
        results,
      }),
    );
  }

  /** A cursor from an old or edited link that the service refuses: the first page instead. */
  private async listPage(organizationId: string, externalCustomerId: string, query: PortalQuery) {
    const request = {
      organization_id: organizationId,
      external_customer_id: externalCustomerId,
      filter: query.filter,
      search: query.search || undefined,
      cursor: query.cursor,
      limit: PORTAL_PAGE_SIZE,
      with_totals: true,
    };
    try {
      return await this.rpc.call(ListInvoices, request);
    } catch (error) {
      if (
        !(error instanceof DomainError) ||
        error.code !== ErrorCode.ValidationFailed ||
        !query.cursor
      )
        throw error;
      return this.rpc.call(ListInvoices, { ...request, cursor: undefined });
    }
  }
}
