import { Controller, Get, Inject, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, ErrorCode, INVOICE_FILTERS, ListInvoices } from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import type { FastifyReply } from 'fastify';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { GatewayConfig } from '../config/gateway.config';
import { PortalAssets } from './portal-assets';
import { PortalErrorFilter } from './portal-error.filter';
import { setPortalHeaders } from './portal-headers';
import {
  directionOf,
  filtersView,
  organizationName,
  resultsView,
  totalsView,
  type PortalQuery,
} from './portal-page-view';
import { PortalSessionGuard, type PortalRequest } from './portal-session.guard';
import { PortalViews } from './portal-views';

export const PORTAL_PAGE_SIZE = 20;

/** A hand-edited URL never breaks the page: unknown values fall back to the defaults. */
const pageQuery = z.object({
  filter: z.enum(INVOICE_FILTERS).catch('all'),
  search: z
    .string()
    .catch('')
    .transform((value) => value.trim().slice(0, 100)),
  cursor: z.string().max(600).optional().catch(undefined),
  fragment: z.literal('results').optional().catch(undefined),
});

/** The invoice history the end customer sees in the iframe. */
@ApiExcludeController()
@UseGuards(PortalSessionGuard)
@UseFilters(PortalErrorFilter)
@Controller('customer-portal/:token')
export class PortalController {
  constructor(
    private readonly rpc: ServiceClient,
    private readonly views: PortalViews,
    private readonly assets: PortalAssets,
    @Inject(GatewayConfig) config: GatewayConfig,
  ) {
    this.publicPath = new URL(config.publicUrl).pathname.replace(/\/+$/, '');
  }

  private readonly publicPath: string;

  @Get()
  async page(
    @Req() request: PortalRequest,
    @Query() rawQuery: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { organization, customer, locale } = request.portalSession;
    const { fragment, ...query } = pageQuery.parse(rawQuery ?? {});
    // Links come from PUBLIC_URL's path and the token, never from the request line: an
    // absolute-form request (`GET http://elsewhere/customer-portal/…`) must not move them.
    const token = (request.params as { token: string }).token;
    const basePath = `${this.publicPath}/customer-portal/${encodeURIComponent(token)}`;
    const page = await this.listPage(organization.id, customer.external_id, query);
    const customerHasInvoices = (page.totals ?? []).some((row) => row.invoices_count > 0);
    const results = resultsView(basePath, query, page, locale, customerHasInvoices);
    const nonce = randomBytes(16).toString('base64url');
    setPortalHeaders(reply, organization.embed_origins, {
      styleNonce: organization.brand_color ? nonce : undefined,
      imageOrigins: organization.logo_url ? [new URL(organization.logo_url).origin] : [],
    });
    if (fragment) {
      void reply.send(this.views.results(results, locale));
      return;
    }
    void reply.send(
      this.views.invoices({
        lang: locale,
        dir: directionOf(locale),
        nonce,
        assetVersion: this.assets.version,
        organizationName: organizationName(organization),
        logoUrl: organization.logo_url,
        brandColor: organization.brand_color,
        customerName: customer.name,
        embedOrigins: organization.embed_origins.join(' '),
        basePath,
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
