import { Controller, Get, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { GetInvoice, upstreamInvoiceIdSchema } from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import type { FastifyReply } from 'fastify';
import { ZodValidationPipe } from '../../validation/zod-validation.pipe';
import { PortalErrorFilter } from '../portal-error.filter';
import { PortalFrame } from '../portal-frame';
import { PortalSessionGuard, type PortalRequest } from '../portal-session.guard';
import { PortalViews } from '../portal-views';
import { pageQuery } from '../portal.controller';
import { invoiceDetailsView } from './invoice-details-view';

/**
 * One invoice's page for the end customer. Scoped by the session the guard verified, never by
 * input: another customer's invoice, or a draft, is the same 404 as an id that does not exist.
 * The list's query (filter, search, page) rides along only to build the back link.
 */
@ApiExcludeController()
@UseGuards(PortalSessionGuard)
@UseFilters(PortalErrorFilter)
@Controller('customer-portal/:token/invoices')
export class InvoiceDetailsController {
  constructor(
    private readonly rpc: ServiceClient,
    private readonly views: PortalViews,
    private readonly frame: PortalFrame,
  ) {}

  @Get(':invoice_id')
  async details(
    @Req() request: PortalRequest,
    @Param('invoice_id', new ZodValidationPipe(upstreamInvoiceIdSchema, 'invoice id'))
    invoiceId: string,
    @Query() rawQuery: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { organization, customer, locale } = request.portalSession;
    const { fragment, ...list } = pageQuery.parse(rawQuery ?? {});
    const { invoice } = await this.rpc.call(GetInvoice, {
      organization_id: organization.id,
      invoice_id: invoiceId,
      external_customer_id: customer.external_id,
    });
    const frame = this.frame.open(request, reply, {
      titleKey: 'invoice_details.page_title',
      current: 'billing',
    });
    void reply.send(
      this.views.page('invoice-details', {
        ...frame,
        ...invoiceDetailsView(invoice, frame.basePath, list, locale),
      }),
    );
  }
}
