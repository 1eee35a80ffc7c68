import { Controller, Get, Inject, Param, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { RenderCreditNotePdf, upstreamInvoiceIdSchema } from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import type { FastifyReply } from 'fastify';
import { GatewayConfig } from '../config/gateway.config';
import { sendPdf } from './send-pdf';
import { ZodValidationPipe } from '../http/validation/zod-validation.pipe';
import { PortalErrorFilter } from '../portal/portal-error.filter';
import { setPortalHeaders } from '../portal/portal-headers';
import { PortalSessionGuard, type PortalRequest } from '../portal-sessions/portal-session.guard';

/**
 * A credit note's PDF for the end customer, in their language. Scoped by the verified session:
 * another customer's note is the same 404 as one that does not exist.
 */
@ApiExcludeController()
@UseGuards(PortalSessionGuard)
@UseFilters(PortalErrorFilter)
@Controller('customer-portal/:token/credit-notes')
export class CreditNotePdfController {
  constructor(
    private readonly rpc: ServiceClient,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  @Get(':credit_note_id/pdf')
  async pdf(
    @Req() request: PortalRequest,
    @Param('credit_note_id', new ZodValidationPipe(upstreamInvoiceIdSchema, 'credit note id'))
    creditNoteId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { organization, customer } = request.portalSession;
    // A render may wait for a free page of the renderer, as an invoice's does.
    const answer = await this.rpc.call(
      RenderCreditNotePdf,
      {
        organization_id: organization.id,
        credit_note_id: creditNoteId,
        external_customer_id: customer.external_id,
      },
      { timeoutMs: this.config.pdfRpcTimeoutMs },
    );
    setPortalHeaders(reply, organization.embed_origins);
    sendPdf(reply, {
      number: answer.number,
      locale: answer.locale,
      source: answer.cached ? 'service' : 'render',
      pdf: Buffer.from(answer.pdf_base64, 'base64'),
    });
  }
}
