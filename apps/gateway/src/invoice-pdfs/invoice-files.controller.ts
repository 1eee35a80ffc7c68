import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { InvoiceFileUrls } from './invoice-file-urls';
import { InvoicePdfDownloads } from './invoice-pdf-downloads';
import { sendPdf } from './send-pdf';

/**
 * Where an operator's `file_url` points. Like a portal URL it is a link, not an API call: the
 * signature in the path is the only credential, so it lives outside /api/v1 (no API key).
 */
@ApiExcludeController()
@Controller('invoice-files')
export class InvoiceFilesController {
  constructor(
    private readonly downloads: InvoicePdfDownloads,
    private readonly urls: InvoiceFileUrls,
  ) {}

  @Get(':token')
  async file(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const { organizationId, invoiceId } = this.urls.verify(token);
    const result = await this.downloads.download({
      organization_id: organizationId,
      invoice_id: invoiceId,
    });
    void reply
      .header('cache-control', 'private, no-store')
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff');
    sendPdf(reply, result);
  }
}
