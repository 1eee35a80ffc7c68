import { Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { GetInvoice, lagoInvoiceSchema } from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import { z } from 'zod';
import { InvoiceFileUrls } from './invoice-file-urls';
import { ApiEndpoint } from '../http/openapi/api-endpoint';
import { exampleInvoice } from '../http/openapi/api-examples';
import { ApiKeyGuard } from '../api/auth/api-key.guard';
import { lagoIdParam } from '../api/invoices/lago-id-param';
import { OrganizationId } from '../api/auth/organization-id.decorator';

const downloadResponse = z.object({
  invoice: lagoInvoiceSchema.extend({
    file_url: z.url().describe('The PDF; works for a few minutes (PDF_URL_TTL_SECONDS)'),
  }),
});

/** Lago's `POST /invoices/:lago_id/download`: the invoice with a short-lived link to its PDF. */
@ApiTags('invoices')
@ApiBearerAuth('api-key')
@UseGuards(ApiKeyGuard)
@Controller('api/v1/invoices')
export class InvoiceDownloadsController {
  constructor(
    private readonly rpc: ServiceClient,
    private readonly urls: InvoiceFileUrls,
  ) {}

  @Post(':lago_id/download')
  @HttpCode(200)
  @ApiEndpoint({
    summary: 'The invoice with a short-lived file_url to its PDF',
    description:
      "Lago's `POST /invoices/:lago_id/download`: the invoice, its `file_url` set to a signed link " +
      "to the PDF (in the customer's language) that works for PDF_URL_TTL_SECONDS. No body is " +
      'needed; an empty one with `Content-Type: application/json` is fine.',
    response: {
      description: 'The invoice and its file_url',
      schema: downloadResponse,
      example: {
        invoice: { ...exampleInvoice, file_url: 'https://portal.example.com/invoice-files/eyJ…' },
      },
    },
    errors: [404, 422],
  })
  async download(
    @OrganizationId() organizationId: string,
    @Param('lago_id', lagoIdParam) invoiceId: string,
  ): Promise<z.output<typeof downloadResponse>> {
    // Drafts and unknown ids are 404 here, before a URL is handed out for them.
    const { invoice } = await this.rpc.call(GetInvoice, {
      organization_id: organizationId,
      invoice_id: invoiceId,
    });
    return { invoice: { ...invoice, file_url: this.urls.url(organizationId, invoiceId) } };
  }
}
