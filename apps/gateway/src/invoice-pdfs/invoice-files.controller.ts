import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RenderInvoicePdf } from '@portico/contracts';
import { RpcClient } from '@portico/messaging';
import type { FastifyReply } from 'fastify';
import { GatewayConfig } from '../config/gateway.config';
import { ApiErrors } from '../openapi/zod-openapi';
import { InvoiceFileUrls } from './invoice-file-urls';
import { sendPdf } from './send-pdf';

/** Where an operator's `file_url` points: the signature in the path is the only credential. */
@ApiTags('invoices')
@Controller('api/v1/invoice_files')
export class InvoiceFilesController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly urls: InvoiceFileUrls,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  @Get(':token')
  @ApiOperation({ summary: 'The PDF behind a file_url from POST /api/v1/invoices/:id/download' })
  @ApiParam({ name: 'token', description: 'Signed, expires a few minutes after it was issued' })
  @ApiProduces('application/pdf')
  @ApiResponse({ status: 200, description: 'The invoice PDF, as an attachment' })
  @ApiErrors(403, 404, 503)
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
