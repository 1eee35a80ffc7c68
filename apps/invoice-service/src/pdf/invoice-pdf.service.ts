import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, ErrorCode, resolveLocale, type Locale } from '@portico/contracts';
import { createHash } from 'node:crypto';
import { InvoiceServiceConfig } from '../config/invoice-service.config';
import type { InvoiceRecord } from '../invoices/invoice-record';
import { InvoicesRepository } from '../invoices/invoices.repository';
import { PartiesRepository } from '../parties/parties.repository';
import type { CustomerProfile, OrganizationProfile } from '../parties/party-profiles';
import { InvoicePdfTemplate } from './invoice-pdf-template';
import { invoicePdfView } from './invoice-pdf-view';
import { PdfCacheRepository } from './pdf-cache.repository';
import { pdfMetrics } from './pdf.metrics';
import { PdfRenderer } from './pdf-renderer';
import { RecentPdfs } from './recent-pdfs';

export interface InvoicePdf {
  number: string;
  externalCustomerId: string;
  locale: Locale;
  /** Served without Chromium (from memory or the database cache). */
  cached: boolean;
  /** Names this PDF: everything it is made from, hashed. */
  key: string;
  /** Absent when the caller already holds the PDF of this key (`ifNoneMatch`). */
  pdf?: Buffer;
}

/**
 * An invoice's PDF: from the cache when nothing it is made from changed, otherwise rendered once
 * (concurrent requests for the same PDF share one rendering) and cached.
 */
@Injectable()
export class InvoicePdfService {
  private readonly logger = new Logger(InvoicePdfService.name);
  private readonly rendering = new Map<string, Promise<Buffer>>();
  private readonly recent: RecentPdfs;

  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly parties: PartiesRepository,
    private readonly cache: PdfCacheRepository,
    private readonly template: InvoicePdfTemplate,
    @Inject(PdfRenderer) private readonly renderer: PdfRenderer,
    @Inject(InvoiceServiceConfig) config: InvoiceServiceConfig,
  ) {
    this.recent = new RecentPdfs(config.pdf.memoryCacheBytes);
  }

  async pdf(
    organizationId: string,
    invoiceId: string,
    externalCustomerId?: string,
    ifNoneMatch?: string,
  ): Promise<InvoicePdf> {
    // The portal names the customer: the three lookups then need not wait for each other.
    const [record, knownCustomer, organization] = await Promise.all([
      this.invoices.findVisible(organizationId, invoiceId, externalCustomerId),
      externalCustomerId ? this.parties.findCustomer(organizationId, externalCustomerId) : null,
      this.parties.findOrganization(organizationId),
    ]);
    if (!record) {
      throw new DomainError(ErrorCode.InvoiceNotFound, `invoice "${invoiceId}" not found`);
    }
    const customer =
      knownCustomer ??
      (externalCustomerId
        ? null
        : await this.parties.findCustomer(organizationId, record.external_customer_id));
    const locale = resolveLocale(customer?.document_locale, organization?.default_document_locale);
    const key = this.cacheKey(record, locale, customer, organization);
    const answer = (pdf: Buffer | undefined, cached: boolean): InvoicePdf => ({
      number: record.document!.number,
      externalCustomerId: record.external_customer_id,
      locale,
      cached,
      key,
      ...(pdf && { pdf }),
    });
    if (ifNoneMatch === key) {
      pdfMetrics.served.inc({ source: 'caller' });
      return answer(undefined, true);
    }
    const recent = this.recent.get(key);
    if (recent) {
      pdfMetrics.served.inc({ source: 'memory' });
      return answer(recent, true);
    }
    const stored = await this.cache.find(record._id);
    if (stored?.key === key) {
      this.recent.set(key, stored.pdf);
      pdfMetrics.served.inc({ source: 'database' });
      return answer(stored.pdf, true);
    }
    let rendering = this.rendering.get(key);
    if (!rendering) {
      rendering = this.renderAndCache(record, locale, key, customer, organization).finally(() =>
        this.rendering.delete(key),
      );
      this.rendering.set(key, rendering);
    }
    const rendered = await rendering;
    pdfMetrics.served.inc({ source: 'render' });
    return answer(rendered, false);
  }

  private async renderAndCache(
    record: InvoiceRecord,
    locale: Locale,
    key: string,
    customer: CustomerProfile | null,
    organization: OrganizationProfile | null,
  ): Promise<Buffer> {
    const view = invoicePdfView(record, locale, customer, organization);
    const pdf = await this.renderer.render(this.template.document(view));
    this.recent.set(key, pdf);
    // A cache that cannot be written costs a later re-render, not this download.
    await this.cache
      .save({
        invoiceDocumentId: record._id,
        organizationId: record.organization_id,
        invoiceId: record.upstream_id,
        locale,
        key,
        pdf,
      })
      .catch((error: Error) =>
        this.logger.warn(`caching the PDF of ${record.upstream_id} failed: ${error.message}`),
      );
    return pdf;
  }

  /** Everything the PDF is made from: a change to any of it means a new PDF, never a stale one. */
  private cacheKey(
    record: InvoiceRecord,
    locale: Locale,
    customer: CustomerProfile | null,
    organization: OrganizationProfile | null,
  ): string {
    const parts = [
      record._id,
      record.rev,
      new Date(record.updated_at).toISOString(),
      locale,
      this.template.version,
      customer ? new Date(customer.updated_at).toISOString() : '-',
      organization ? new Date(organization.updated_at).toISOString() : '-',
    ];
    return createHash('sha256').update(parts.join('\u0000')).digest('base64url');
  }
}
