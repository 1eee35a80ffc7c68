import { Inject, Injectable } from '@nestjs/common';
import { RenderInvoicePdf } from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import { customerTag, organizationTag } from '../caching/cache-tags';
import { GatewayConfig } from '../config/gateway.config';
import { GatewayPdfCache } from './gateway-pdf-cache';

export interface PdfDownload {
  number: string;
  locale: string;
  /** Where the bytes came from: this gateway's copy, the invoice-service's cache, or Chromium. */
  source: 'gateway' | 'service' | 'render';
  pdf: Buffer;
}

interface DownloadRequest {
  organization_id: string;
  invoice_id: string;
  external_customer_id?: string;
}

/** What the invoice-service confirmed for one caller's scope: this key is the current PDF. */
interface Confirmation {
  key: string;
  /** The invoice's customer: a change announced for it (or its organization) drops this. */
  customer: string;
}

/**
 * An invoice's PDF for the portal and the operator's file URLs. The invoice-service decides
 * visibility and scope and whether a PDF is current; when this gateway already holds the current
 * PDF, its answer is a few bytes instead of the whole PDF. That answer is then kept for the
 * caller's scope (organization, invoice, customer) until a change announcement names the
 * invoice's customer or organization — invoices (`portico.invoices.changed`) or what their PDFs
 * are made from (`portico.invoice_parties.changed`), both published after the invoice-service
 * stored the change — or for PDF_GATEWAY_CONFIRM_SECONDS at most; a repeat within it asks nobody.
 */
@Injectable()
export class InvoicePdfDownloads {
  private readonly held: GatewayPdfCache;
  private readonly confirmed;

  constructor(
    private readonly rpc: ServiceClient,
    caches: ReplicaCaches,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {
    this.held = new GatewayPdfCache(config.pdfCacheBytes);
    this.confirmed = caches.create<Confirmation>({
      ttlMs: config.pdfConfirmMs,
      max: 100_000,
      tagsOf: (confirmation, scope) => {
        const organizationId = scope.slice(0, scope.indexOf('\u0000'));
        return [
          organizationTag(organizationId),
          customerTag(organizationId, confirmation.customer),
        ];
      },
    });
  }

  async download(request: DownloadRequest): Promise<PdfDownload> {
    const held = this.held.get(request.organization_id, request.invoice_id);
    const scope = scopeOf(request);
    if (held && this.confirmed.get(scope)?.key === held.key) {
      this.held.record('held');
      return { number: held.number, locale: held.locale, source: 'gateway', pdf: held.pdf };
    }
    const since = this.confirmed.mark();
    const reply = await this.rpc.call(
      RenderInvoicePdf,
      { ...request, ...(held && { if_none_match: held.key }) },
      { timeoutMs: this.config.pdfRpcTimeoutMs },
    );
    const confirm = () => {
      if (reply.key && reply.external_customer_id && this.config.pdfConfirmMs > 0) {
        this.confirmed.set(scope, { key: reply.key, customer: reply.external_customer_id }, since);
      }
    };
    if (reply.pdf_base64 === undefined) {
      // Only ever omitted for the key we sent: `held` is the current PDF.
      if (!held || reply.key !== held.key) {
        throw new Error('the invoice-service sent no PDF for a key this gateway does not hold');
      }
      this.held.record('hit');
      confirm();
      return { number: reply.number, locale: reply.locale, source: 'gateway', pdf: held.pdf };
    }
    this.held.record(held ? 'stale' : 'miss');
    const pdf = Buffer.from(reply.pdf_base64, 'base64');
    if (reply.key) {
      this.held.set(request.organization_id, request.invoice_id, {
        key: reply.key,
        number: reply.number,
        locale: reply.locale,
        pdf,
      });
      confirm();
    }
    return {
      number: reply.number,
      locale: reply.locale,
      source: reply.cached ? 'service' : 'render',
      pdf,
    };
  }
}

/** The caller's scope: an operator (no customer) and each customer are confirmed apart. */
const scopeOf = (request: DownloadRequest) =>
  `${request.organization_id}\u0000${request.invoice_id}\u0000${request.external_customer_id ?? ''}`;
