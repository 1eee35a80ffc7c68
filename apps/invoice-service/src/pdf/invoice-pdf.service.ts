import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, resolveLocale, type Locale } from '@portico/contracts';
import { createHash } from 'node:crypto';
import type { InvoiceRecord } from '../invoices/invoice-record';
import { InvoicesRepository } from '../invoices/invoices.repository';
import { PartiesRepository } from '../parties/parties.repository';
import type { CustomerProfile, OrganizationProfile } from '../parties/party-profiles';
import { InvoicePdfTemplate } from './invoice-pdf-template';
import { invoicePdfView } from './invoice-pdf-view';
import { PdfCacheRepository } from './pdf-cache.repository';
import { PdfRenderer } from './pdf-renderer';

export interface InvoicePdf {
  number: string;
  locale: Locale;
  cached: boolean;
  pdf: Buffer;
}

/**
 * An invoice's PDF: from the cache when nothing it is made from changed, otherwise rendered once
 * (concurrent requests for the same PDF share one rendering) and cached.
 */
@Injectable()
export class InvoicePdfService {
  private readonly rendering = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly parties: PartiesRepository,
    private readonly cache: PdfCacheRepository,
    private readonly template: InvoicePdfTemplate,
    @Inject(PdfRenderer) private readonly renderer: PdfRenderer,
  ) {}

  async pdf(organizationId: string, invoiceId: string, externalCustomerId?: string) {
    const record = await this.invoices.findVisible(organizationId, invoiceId, externalCustomerId);
    if (!record) throw new DomainError(ErrorCode.InvoiceNotFound, `invoice "${invoiceId}" not found`);
    const [customer, organization] = await Promise.all([
      this.parties.findCustomer(organizationId, record.external_customer_id),
      this.parties.findOrganization(organizationId),
    ]);
    const locale = resolveLocale(customer?.document_locale, organization?.default_document_locale);
    const key = this.cacheKey(record, locale, customer, organization);
    const number = record.document!.number;
    const cached = await this.cache.find(record._id, locale, key);
    if (cached) return { number, locale, cached: true, pdf: cached } satisfies InvoicePdf;
    let rendering = this.rendering.get(key);
    if (!rendering) {
      rendering = this.renderAndCache(record, locale, key, customer, organization).finally(() =>
        this.rendering.delete(key),
      );
      this.rendering.set(key, rendering);
    }
    return { number, locale, cached: false, pdf: await rendering } satisfies InvoicePdf;
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
    await this.cache.save({
      invoiceDocumentId: record._id,
      organizationId: record.organization_id,
      invoiceId: record.upstream_id,
      locale,
      key,
      pdf,
    });
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
