import {
  Controller,
  Get,
  Logger,
  Param,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { upstreamInvoiceIdSchema, type LagoInvoice } from '@portico/contracts';
import type { FastifyReply } from 'fastify';
import { ZodValidationPipe } from '../../http/validation/zod-validation.pipe';
import { PortalErrorFilter } from '../portal-error.filter';
import { PortalFormTokens } from '../portal-form-tokens';
import { PortalFrame } from '../portal-frame';
import { PortalSessionGuard, type PortalRequest } from '../../portal-sessions/portal-session.guard';
import { PortalViews } from '../portal-views';
import { pageQuery } from '../portal.controller';
import { invoiceDetailsView, isPayable, type InvoiceDetailsPageView } from './invoice-details-view';
import { PAY_NOW_FORM } from './invoice-payment.controller';
import { PortalInvoices } from './portal-invoices';

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
  private readonly logger = new Logger(InvoiceDetailsController.name);

  constructor(
    private readonly views: PortalViews,
    private readonly frame: PortalFrame,
    private readonly formTokens: PortalFormTokens,
    private readonly invoices: PortalInvoices,
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
    const invoice = await this.invoices.invoice(organization.id, customer.external_id, invoiceId);
    const paymentUrl = await this.paymentUrlOf(invoice, organization.id, customer.external_id);
    const frame = this.frame.open(request, reply, {
      titleKey: 'invoice_details.page_title',
      current: 'billing',
      // The "Pay now" form answers with a redirect there: the CSP must let the form go on.
      formActionOrigins: paymentUrl ? [new URL(paymentUrl).origin] : [],
    });
    const details = invoiceDetailsView(invoice, frame.basePath, list, locale);
    const payNow = paymentUrl
      ? {
          action: `${details.selfHref}/pay`,
          formToken: this.formTokens.issue(request, PAY_NOW_FORM),
        }
      : null;
    const page: InvoiceDetailsPageView = { ...frame, ...details, payNow };
    void reply.send(this.views.page('invoice-details', page));
  }

  /** No payment page, or the service slow to say: the page shows without the button. */
  private async paymentUrlOf(
    invoice: LagoInvoice,
    organizationId: string,
    externalCustomerId: string,
  ): Promise<string | null> {
    if (!isPayable(invoice)) return null;
    try {
      return await this.invoices.paymentUrl(organizationId, externalCustomerId, invoice.id);
    } catch (error) {
      this.logger.warn(`no payment URL for invoice ${invoice.id}: ${String(error)}`);
      return null;
    }
  }
}
