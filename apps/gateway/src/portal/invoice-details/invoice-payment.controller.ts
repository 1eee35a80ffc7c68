import { Body, Controller, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  DomainError,
  ErrorCode,
  RequestInvoicePayment,
  upstreamInvoiceIdSchema,
} from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import type { FastifyReply } from 'fastify';
import { ZodValidationPipe } from '../../http/validation/zod-validation.pipe';
import { PortalErrorFilter } from '../portal-error.filter';
import { PortalFormTokens } from '../portal-form-tokens';
import { PortalSessionGuard, type PortalRequest } from '../../portal-sessions/portal-session.guard';

/** The purpose the "Pay now" form's token is issued for. */
export const PAY_NOW_FORM = 'invoice.pay';

/**
 * "Pay now": the form on an invoice's page posts here in a new top-level window (never the
 * iframe); the operator hears of it (`invoice.payment_requested`) and the browser is sent on to
 * the payment page. Only a page Portico rendered for this session can post it (form token).
 */
@ApiExcludeController()
@UseGuards(PortalSessionGuard)
@UseFilters(PortalErrorFilter)
@Controller('customer-portal/:token/invoices')
export class InvoicePaymentController {
  constructor(
    private readonly rpc: ServiceClient,
    private readonly formTokens: PortalFormTokens,
  ) {}

  @Post(':invoice_id/pay')
  async pay(
    @Req() request: PortalRequest,
    @Param('invoice_id', new ZodValidationPipe(upstreamInvoiceIdSchema, 'invoice id'))
    invoiceId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.formTokens.verify(request, PAY_NOW_FORM, (body as { form_token?: unknown })?.form_token);
    const { organization, customer } = request.portalSession;
    const { payment_url: url } = await this.rpc.call(RequestInvoicePayment, {
      organization_id: organization.id,
      invoice_id: invoiceId,
      external_customer_id: customer.external_id,
    });
    // Paid meanwhile, or never payable here: the same answer as an invoice that is not theirs.
    if (!url)
      throw new DomainError(
        ErrorCode.InvoiceNotFound,
        `invoice "${invoiceId}" has no payment page`,
      );
    // The portal's URL carries the session token: the payment page must not see it as referrer.
    void reply
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .redirect(url, 303);
  }
}
