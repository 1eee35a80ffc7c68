import {
  Controller,
  Get,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import {
  GetCustomer,
  OpenPortalSession,
  RenderInvoicePdf,
  RevokePortalSessions,
  SearchCustomers,
  UpsertCustomer,
  externalIdSchema,
  toSupportedLocale,
  upstreamInvoiceIdSchema,
} from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import { MAX_PORTAL_TOKEN_TTL_SECONDS, PortalTokenCodec } from '@portico/portal-tokens';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ActivityRecorder } from '../activity/activity-recorder';
import { ConsoleSessionGuard, Roles } from '../auth/console-session.guard';
import { CustomerCache } from '../caching/customer-cache';
import { InvoicePageCache } from '../caching/invoice-page-cache';
import { OrganizationCache } from '../caching/organization-cache';
import { formOf, sessionOf, type ConsoleRequest } from '../auth/console-request';
import { ConsoleConfig } from '../config/console.config';
import { ConsolePageError } from '../errors/console-errors';
import { ConsoleErrorFilter } from '../errors/console-error.filter';
import { ConsolePages } from '../rendering/console-pages';
import { languageOptions, nativeName, uiLanguage } from '../rendering/ui-language';
import { sendPdf } from './send-pdf';
import {
  CUSTOMER_TABS,
  customerPath,
  documentLanguageView,
  invoiceRows,
  tabsView,
  totalsRows,
} from './customer-page-view';

export const CUSTOMERS_PAGE_SIZE = 25;

/** Building an `Intl` formatter costs far more than using one: one per UI language. */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
function formatDateTime(value: string, lang: string): string {
  let format = dateTimeFormats.get(lang);
  if (!format) {
    // What Date#toLocaleString(lang, { timeZone: 'UTC' }) shows: date and time.
    format = new Intl.DateTimeFormat(lang, {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    dateTimeFormats.set(lang, format);
  }
  return format.format(new Date(value));
}
const INVOICES_PAGE_SIZE = 20;

/** A hand-edited URL never breaks the page: unknown values fall back to the defaults. */
const listQuery = z.object({
  q: z
    .string()
    .catch('')
    .transform((v) => v.trim().slice(0, 100)),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
const detailQuery = z.object({
  tab: z.enum(CUSTOMER_TABS).catch('overview'),
  edit: z.literal('language').optional().catch(undefined),
  cursor: z.string().max(600).optional().catch(undefined),
});

function externalIdOf(raw: string): string {
  const parsed = externalIdSchema.safeParse(raw);
  if (!parsed.success) throw new ConsolePageError(404, 'not_found');
  return parsed.data;
}

/** Customers of the operator's organization: list, details, portal link, document language. */
@UseGuards(ConsoleSessionGuard)
@UseFilters(ConsoleErrorFilter)
@Controller()
export class CustomersController {
  private readonly tokens: PortalTokenCodec;

  constructor(
    private readonly rpc: ServiceClient,
    private readonly pages: ConsolePages,
    private readonly activity: ActivityRecorder,
    private readonly organizations: OrganizationCache,
    private readonly customers: CustomerCache,
    private readonly invoicePages: InvoicePageCache,
    @Inject(ConsoleConfig) private readonly config: ConsoleConfig,
  ) {
    this.tokens = new PortalTokenCodec(config.portalJwtSecret);
  }

  @Get()
  home(@Res() reply: FastifyReply): void {
    void reply.redirect('/customers', 303);
  }

  @Get('customers')
  async list(
    @Req() request: ConsoleRequest,
    @Res() reply: FastifyReply,
    @Query() rawQuery: unknown,
  ): Promise<void> {
    const organizationId = sessionOf(request).operator.organization_id;
    const query = listQuery.parse(rawQuery ?? {});
    const [{ customers, meta }, organization] = await Promise.all([
      this.rpc.call(SearchCustomers, {
        organization_id: organizationId,
        query: query.q || undefined,
        page: query.page,
        per_page: CUSTOMERS_PAGE_SIZE,
      }),
      this.organizations.get(organizationId),
    ]);
    const pageHref = (page: number) =>
      `/customers?${new URLSearchParams({ ...(query.q && { q: query.q }), page: String(page) })}`;
    const inherited = nativeName(organization.default_document_locale);
    this.pages.send(request, reply, 'customers', {
      nav: 'customers',
      q: query.q,
      rows: customers.map((c) => ({
        href: customerPath(c.external_id),
        name: c.name,
        externalId: c.external_id,
        email: c.email,
        language: c.billing_configuration.document_locale
          ? nativeName(c.billing_configuration.document_locale)
          : null,
        inherited,
      })),
      total: meta.total_count,
      from: meta.total_count === 0 ? 0 : (query.page - 1) * CUSTOMERS_PAGE_SIZE + 1,
      to: (query.page - 1) * CUSTOMERS_PAGE_SIZE + customers.length,
      prevHref: meta.prev_page ? pageHref(meta.prev_page) : null,
      nextHref: meta.next_page ? pageHref(meta.next_page) : null,
    });
  }

  @Get('customers/:externalId')
  async details(
    @Req() request: ConsoleRequest,
    @Res() reply: FastifyReply,
    @Param('externalId') rawId: string,
    @Query() rawQuery: unknown,
  ): Promise<void> {
    await this.renderDetails(
      request,
      reply,
      externalIdOf(rawId),
      detailQuery.parse(rawQuery ?? {}),
    );
  }

  /** "Customer portal" (open: a redirect in the new tab) and "Copy link" (show: on the page). */
  @Post('customers/:externalId/portal')
  @Roles('admin', 'member')
  async portal(
    @Req() request: ConsoleRequest,
    @Res() reply: FastifyReply,
    @Param('externalId') rawId: string,
  ): Promise<void> {
    const session = sessionOf(request);
    const externalId = externalIdOf(rawId);
    const organizationId = session.operator.organization_id;
    // The same path as the API: the customer's session generation, a 12 h token, revocable.
    const basis = await this.rpc.call(OpenPortalSession, {
      organization_id: organizationId,
      external_customer_id: externalId,
    });
    const { token, expiresAt } = this.tokens.issue({
      organizationId,
      customerId: basis.customer_id,
      generation: basis.generation,
      expiresInSeconds: MAX_PORTAL_TOKEN_TTL_SECONDS,
    });
    const url = `${this.config.portalPublicUrl}/customer-portal/${token}`;
    await this.activity.record(session, {
      action: 'customer.portal_opened',
      customer: externalId,
      subject: 'portal_link',
      after: expiresAt.toISOString(),
    });
    if (formOf(request).mode === 'show') {
      await this.renderDetails(request, reply, externalId, { tab: 'overview' }, { portalUrl: url });
      return;
    }
    void reply.header('referrer-policy', 'no-referrer').redirect(url, 303);
  }

  @Post('customers/:externalId/portal/revoke')
  @Roles('admin', 'member')
  async revokePortal(
    @Req() request: ConsoleRequest,
    @Res() reply: FastifyReply,
    @Param('externalId') rawId: string,
  ): Promise<void> {
    const session = sessionOf(request);
    const externalId = externalIdOf(rawId);
    if (formOf(request).confirm !== 'yes') throw new ConsolePageError(422, 'invalid');
    const { revoked_at } = await this.rpc.call(RevokePortalSessions, {
      organization_id: session.operator.organization_id,
      external_customer_id: externalId,
    });
    this.customers.forget(session.operator.organization_id, externalId);
    await this.activity.record(session, {
      action: 'customer.portal_links_revoked',
      customer: externalId,
      subject: 'portal_links',
      after: revoked_at,
    });
    void reply.redirect(`${customerPath(externalId)}?tab=overview&revoked=1`, 303);
  }

  /** Settings → Document language: set (a locale) or delete (inherit again). */
  @Post('customers/:externalId/document-language')
  @Roles('admin', 'member')
  async setLanguage(
    @Req() request: ConsoleRequest,
    @Res() reply: FastifyReply,
    @Param('externalId') rawId: string,
  ): Promise<void> {
    const form = formOf(request);
    const locale = form.action === 'delete' ? null : toSupportedLocale(String(form.locale ?? ''));
    if (locale === undefined) throw new ConsolePageError(422, 'invalid');
    const session = sessionOf(request);
    const externalId = externalIdOf(rawId);
    const organizationId = session.operator.organization_id;
    const { customer: before } = await this.rpc.call(GetCustomer, {
      organization_id: organizationId,
      external_id: externalId,
    });
    // The same path as the API: customer-service upserts and publishes customer.updated, so the
    // portal and the next PDF follow.
    await this.rpc.call(UpsertCustomer, {
      organization_id: organizationId,
      customer: { external_id: externalId, billing_configuration: { document_locale: locale } },
    });
    this.customers.forget(organizationId, externalId);
    await this.activity.record(session, {
      action: 'customer.document_locale_changed',
      customer: externalId,
      subject: 'document_locale',
      before: before.billing_configuration.document_locale,
      after: locale,
    });
    void reply.redirect(`${customerPath(externalId)}?tab=settings&saved=1`, 303);
  }

  @Get('customers/:externalId/invoices/:invoiceId/pdf')
  async pdf(
    @Req() request: ConsoleRequest,
    @Res() reply: FastifyReply,
    @Param('externalId') rawId: string,
    @Param('invoiceId') rawInvoiceId: string,
  ): Promise<void> {
    const invoiceId = upstreamInvoiceIdSchema.safeParse(rawInvoiceId);
    if (!invoiceId.success) throw new ConsolePageError(404, 'not_found');
    const result = await this.rpc.call(
      RenderInvoicePdf,
      {
        organization_id: sessionOf(request).operator.organization_id,
        invoice_id: invoiceId.data,
        external_customer_id: externalIdOf(rawId),
      },
      { timeoutMs: this.config.pdfRpcTimeoutMs },
    );
    sendPdf(reply, result);
  }

  private async renderDetails(
    request: ConsoleRequest,
    reply: FastifyReply,
    externalId: string,
    query: z.output<typeof detailQuery>,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const organizationId = sessionOf(request).operator.organization_id;
    const lang = uiLanguage(request);
    // The customer first: another organization's id is a 404 before anything else is asked.
    const customer = await this.customers.get(organizationId, externalId);
    const wantsInvoices = query.tab === 'overview' || query.tab === 'invoices';
    const [organization, page] = await Promise.all([
      this.organizations.get(organizationId),
      wantsInvoices
        ? this.invoicePages.get({
            organization_id: organizationId,
            external_customer_id: externalId,
            limit: query.tab === 'overview' ? 5 : INVOICES_PAGE_SIZE,
            cursor: query.tab === 'invoices' ? query.cursor : undefined,
            with_totals: query.tab === 'overview',
          })
        : Promise.resolve(undefined),
    ]);
    const base = customerPath(externalId);
    const status = request.query as Record<string, string | undefined>;
    const language = documentLanguageView(customer, organization.default_document_locale);
    this.pages.send(request, reply, 'customer', {
      nav: 'customers',
      title: customer.name ?? customer.external_id,
      customer: {
        name: customer.name,
        externalId: customer.external_id,
        email: customer.email,
        currency: customer.currency,
        createdAt: formatDateTime(customer.created_at, lang),
      },
      base,
      tabs: tabsView(externalId, query.tab),
      tab: { [query.tab]: true },
      totals: page?.totals ? totalsRows(page.totals, lang) : [],
      invoices: page ? invoiceRows(page.invoices, externalId, lang) : [],
      invoicesTotal: page?.total_count ?? 0,
      olderHref: page?.next_cursor
        ? `${base}?tab=invoices&cursor=${encodeURIComponent(page.next_cursor)}`
        : null,
      newerHref: page?.previous_cursor
        ? `${base}?tab=invoices&cursor=${encodeURIComponent(page.previous_cursor)}`
        : null,
      language,
      editingLanguage: query.tab === 'settings' && query.edit === 'language',
      languages: languageOptions(language.inherited ? null : language.code),
      saved: status.saved === '1',
      revoked: status.revoked === '1',
      activityHref: `/activity?customer=${encodeURIComponent(externalId)}`,
      ...extra,
    });
  }
}
