import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isCredentialRefusal } from '../http/rate-limits/credential-refusal';
import { RateLimiter } from '../http/rate-limits/rate-limiter';
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
    private readonly limiter: RateLimiter,
  ) {}

  /** Counted per organization; a forged or expired link counts against the client address. */
  @Get(':token')
  async file(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.limiter.refuseIfBlocked(request, reply);
    let claims: { organizationId: string; invoiceId: string };
    try {
      claims = this.urls.verify(token);
    } catch (error) {
      if (isCredentialRefusal(error)) await this.limiter.countFailure(request);
      throw error;
    }
    const { organizationId, invoiceId } = claims;
    await this.limiter.consume('files', organizationId, request, reply);
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
