import { Controller, Get, Param, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { upstreamInvoiceIdSchema } from '@portico/contracts';
import type { FastifyReply } from 'fastify';
import { InvoicePdfDownloads } from './invoice-pdf-downloads';
import { sendPdf } from './send-pdf';
import { ZodValidationPipe } from '../http/validation/zod-validation.pipe';
import { PortalErrorFilter } from '../portal/portal-error.filter';
import { setPortalHeaders } from '../portal/portal-headers';
import { PortalSessionGuard, type PortalRequest } from '../portal-sessions/portal-session.guard';

/**
 * An invoice PDF for the end customer. Scoped by the session the guard verified, never by input:
 * another customer's invoice, or a draft, is the same 404 as an id that does not exist.
 */
@ApiExcludeController()
@UseGuards(PortalSessionGuard)
@UseFilters(PortalErrorFilter)
@Controller('customer-portal/:token/invoices')
export class InvoicePdfController {
  constructor(private readonly downloads: InvoicePdfDownloads) {}

  @Get(':invoice_id/pdf')
  async pdf(
    @Req() request: PortalRequest,
    @Param('invoice_id', new ZodValidationPipe(upstreamInvoiceIdSchema, 'invoice id'))
    invoiceId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { organization, customer } = request.portalSession;
    const result = await this.downloads.download({
      organization_id: organization.id,
      invoice_id: invoiceId,
      external_customer_id: customer.external_id,
    });
    setPortalHeaders(reply, organization.embed_origins);
    sendPdf(reply, result);
  }
}
