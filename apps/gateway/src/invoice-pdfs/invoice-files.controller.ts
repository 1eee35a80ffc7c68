import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { RenderInvoicePdf } from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import type { FastifyReply } from 'fastify';
import { GatewayConfig } from '../config/gateway.config';
import { InvoiceFileUrls } from './invoice-file-urls';
import { sendPdf } from './send-pdf';

/**
 * Where an operator's `file_url` points. Like a portal URL it is a link, not an API call: the
 * signature in the path is the only credential, so it lives outside /api/v1 (no API key).
 */
@ApiExcludeController()
@Controller('invoice-files')
export class InvoiceFilesController {
  constructor(
    private readonly rpc: ServiceClient,
    private readonly urls: InvoiceFileUrls,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  @Get(':token')
  async file(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const { organizationId, invoiceId } = this.urls.verify(token);
    const result = await this.rpc.call(
      RenderInvoicePdf,
      { organization_id: organizationId, invoice_id: invoiceId },
      { timeoutMs: this.config.pdfRpcTimeoutMs },
    );
    void reply
      .header('cache-control', 'private, no-store')
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff');
    sendPdf(reply, result);
  }
}
