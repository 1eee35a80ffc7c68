import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  GetInvoice,
  INVOICE_FILTERS,
  ListInvoices,
  MAX_INVOICE_PAGE_SIZE,
  externalIdSchema,
  invoiceDetailSchema,
  invoiceSummarySchema,
  upstreamInvoiceIdSchema,
} from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import { z } from 'zod';
import { ApiErrors, ApiZodResponse } from '../../openapi/zod-openapi';
import { ZodValidationPipe } from '../../validation/zod-validation.pipe';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { OrganizationId } from '../auth/organization-id.decorator';

const listQuery = z.object({
  external_customer_id: externalIdSchema,
  filter: z.enum(INVOICE_FILTERS).default('all'),
  search: z.string().trim().max(100).optional(),
  cursor: z.string().max(600).optional(),
  per_page: z.coerce.number().int().min(1).max(MAX_INVOICE_PAGE_SIZE).default(20),
});
const listResponse = z.object({
  invoices: z.array(invoiceSummarySchema),
  meta: z.object({
    next_cursor: z.string().nullable(),
    previous_cursor: z.string().nullable(),
    total_count: z.number().int(),
  }),
});
const invoiceResponse = z.object({ invoice: invoiceDetailSchema });

/** What the portal will show a customer, for the operator to check (drafts are hidden here too). */
@ApiTags('invoices')
@ApiBearerAuth('api-key')
@ApiErrors(401, 503)
@UseGuards(ApiKeyGuard)
@Controller('api/v1/invoices')
export class InvoicesController {
  constructor(private readonly rpc: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: "A customer's invoices as the portal lists them, newest first" })
  @ApiQuery({ name: 'external_customer_id', required: true })
  @ApiQuery({ name: 'filter', required: false, enum: INVOICE_FILTERS })
  @ApiQuery({ name: 'search', required: false, description: 'Part of an invoice number, any case' })
  @ApiQuery({
    name: 'cursor',
    required: false,
    description: 'meta.next_cursor (older) or meta.previous_cursor (newer) of a page',
  })
  @ApiQuery({
    name: 'per_page',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  })
  @ApiZodResponse(200, 'One page of invoices', listResponse)
  @ApiErrors(422)
  async list(
    @OrganizationId() organizationId: string,
    @Query(new ZodValidationPipe(listQuery, 'query')) query: z.output<typeof listQuery>,
  ): Promise<z.output<typeof listResponse>> {
    const page = await this.rpc.call(ListInvoices, {
      organization_id: organizationId,
      external_customer_id: query.external_customer_id,
      filter: query.filter,
      search: query.search,
      cursor: query.cursor,
      limit: query.per_page,
    });
    return {
      invoices: page.invoices,
      meta: {
        next_cursor: page.next_cursor,
        previous_cursor: page.previous_cursor,
        total_count: page.total_count,
      },
    };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One invoice with its line items (id = the upstream invoice id)' })
  @ApiParam({ name: 'id' })
  @ApiZodResponse(200, 'The invoice', invoiceResponse)
  @ApiErrors(404)
  get(
    @OrganizationId() organizationId: string,
    @Param('id', new ZodValidationPipe(upstreamInvoiceIdSchema, 'invoice id')) invoiceId: string,
  ): Promise<z.output<typeof invoiceResponse>> {
    return this.rpc.call(GetInvoice, { organization_id: organizationId, invoice_id: invoiceId });
  }
}
