import { Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { GetInvoice, invoiceDetailSchema, upstreamInvoiceIdSchema } from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import { z } from 'zod';
import { InvoiceFileUrls } from '../../invoice-pdfs/invoice-file-urls';
import { ApiErrors, ApiZodResponse } from '../../openapi/zod-openapi';
import { ZodValidationPipe } from '../../validation/zod-validation.pipe';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { OrganizationId } from '../auth/organization-id.decorator';

const downloadResponse = z.object({
  invoice: invoiceDetailSchema.extend({
    file_url: z.url().describe('The PDF; works for a few minutes (PDF_URL_TTL_SECONDS)'),
  }),
});

/** Lago's `POST /invoices/:id/download`: the invoice with a short-lived link to its PDF. */
@ApiTags('invoices')
@ApiBearerAuth('api-key')
@ApiErrors(401, 404, 503)
@UseGuards(ApiKeyGuard)
@Controller('api/v1/invoices')
export class InvoiceDownloadsController {
  constructor(
    private readonly rpc: ServiceClient,
    private readonly urls: InvoiceFileUrls,
  ) {}

  @Post(':id/download')
  @HttpCode(200)
  @ApiOperation({ summary: "The invoice with a short-lived file_url to its PDF (Lago's shape)" })
  @ApiParam({ name: 'id', description: 'The upstream invoice id' })
  @ApiZodResponse(200, 'The invoice and its file_url', downloadResponse)
  async download(
    @OrganizationId() organizationId: string,
    @Param('id', new ZodValidationPipe(upstreamInvoiceIdSchema, 'invoice id')) invoiceId: string,
  ): Promise<z.output<typeof downloadResponse>> {
    // Drafts and unknown ids are 404 here, before a URL is handed out for them.
    const { invoice } = await this.rpc.call(GetInvoice, {
      organization_id: organizationId,
      invoice_id: invoiceId,
    });
    return { invoice: { ...invoice, file_url: this.urls.url(organizationId, invoiceId) } };
  }
}
