import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  GetInvoice,
  SearchInvoices,
  invoiceSearchSchema,
  lagoInvoiceSchema,
  paginationMetaSchema,
} from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import { z } from 'zod';
import { ApiEndpoint, validQuery } from '../../http/openapi/api-endpoint';
import { exampleInvoice, examplePageMeta } from '../../http/openapi/api-examples';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { lagoIdParam } from './lago-id-param';
import { OrganizationId } from '../auth/organization-id.decorator';

const listResponse = z.object({
  invoices: z.array(lagoInvoiceSchema),
  meta: paginationMetaSchema
    .extend({
      next_cursor: z.string().nullable().describe('For the next (older) page; null on the last'),
      previous_cursor: z.string().nullable().describe('For the newer page; null on the first'),
    })
    .meta({ id: 'InvoicePageMeta' }),
});
const invoiceResponse = z.object({ invoice: lagoInvoiceSchema });
const { fees: _fees, ...listedInvoice } = exampleInvoice;

/** What the portal shows, for the operator's backend: Lago's invoice endpoints (drafts hidden). */
@ApiTags('invoices')
@ApiBearerAuth('api-key')
@UseGuards(ApiKeyGuard)
@Controller('api/v1/invoices')
export class InvoicesController {
  constructor(private readonly rpc: ServiceClient) {}

  @Get()
  @ApiEndpoint({
    summary: "The organization's invoices, newest first",
    description:
      "Lago's `GET /invoices`: numbered pages (`page`, `per_page` up to 100) with Lago's `meta`, " +
      'for every customer or one (`external_customer_id`), filtered by `status`, ' +
      '`payment_status`, `payment_overdue`, `invoice_type`, `currency`, `issuing_date_from` / ' +
      '`issuing_date_to` (inclusive) and `search_term`. Portico adds keyset pages: pass ' +
      '`meta.next_cursor` or `meta.previous_cursor` as `cursor`, and pages do not shift while ' +
      'invoices arrive. Drafts are never listed; line items are on each invoice, not in lists.',
    response: {
      description: 'One page of invoices',
      schema: listResponse,
      example: {
        invoices: [listedInvoice],
        meta: { ...examplePageMeta, next_cursor: null, previous_cursor: null },
      },
    },
    errors: [422],
  })
  list(
    @OrganizationId() organizationId: string,
    @Query({ schema: invoiceSearchSchema, pipes: [validQuery] })
    query: z.output<typeof invoiceSearchSchema>,
  ): Promise<z.output<typeof listResponse>> {
    return this.rpc.call(SearchInvoices, { ...query, organization_id: organizationId });
  }

  @Get(':lago_id')
  @ApiEndpoint({
    summary: 'Retrieve an invoice with its line items',
    description:
      "Lago's `GET /invoices/:lago_id`; the id is the billing system's invoice id (Lago's " +
      '`lago_id` for invoices from the Lago bridge). A draft is not found, as an unknown id.',
    response: {
      description: 'The invoice',
      schema: invoiceResponse,
      example: { invoice: exampleInvoice },
    },
    errors: [404, 422],
  })
  get(
    @OrganizationId() organizationId: string,
    @Param('lago_id', lagoIdParam) invoiceId: string,
  ): Promise<z.output<typeof invoiceResponse>> {
    return this.rpc.call(GetInvoice, { organization_id: organizationId, invoice_id: invoiceId });
  }
}
