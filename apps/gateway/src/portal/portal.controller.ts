import { Controller, Get, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { INVOICE_FILTERS } from '@portico/contracts';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { PortalErrorFilter } from './portal-error.filter';
import { PortalFrame } from './portal-frame';
import { PortalInvoicePages } from './portal-invoice-pages';
import { filtersView, resultsView, totalsView } from './portal-page-view';
import { PortalSectionLoader } from './portal-section-loader';
import { PortalSessionGuard, type PortalRequest } from '../portal-sessions/portal-session.guard';
import { PortalViews } from './portal-views';

/**
 * A hand-edited URL never breaks the page: unknown values fall back to the defaults. An absent
 * value takes its default without an issue raised and caught (that was 2% of the page's CPU).
 */
export const pageQuery = z.object({
  filter: z.enum(INVOICE_FILTERS).default('all').catch('all'),
  search: z
    .string()
    .default('')
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
    private readonly invoicePages: PortalInvoicePages,
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
      this.invoicePages.page(
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
}
