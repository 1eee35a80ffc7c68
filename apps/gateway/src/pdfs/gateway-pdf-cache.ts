import { LRUCache } from 'lru-cache';
import { Counter, Gauge } from 'prom-client';

export interface HeldPdf {
  /** The invoice-service's name for this exact PDF (see RenderInvoicePdf). */
  key: string;
  number: string;
  locale: string;
  pdf: Buffer;
}

const metrics = {
  bytes: new Gauge({
    name: 'portico_gateway_pdf_cache_bytes',
    help: 'Bytes of PDFs this gateway process keeps (bounded by PDF_GATEWAY_CACHE_MB)',
  }),
  lookups: new Counter({
    name: 'portico_gateway_pdf_cache_total',
    help: 'PDF downloads by what the gateway held: held (confirmed recently, nobody asked), hit (confirmed current), stale, miss',
    labelNames: ['outcome'] as const,
  }),
};

/**
 * The PDFs this gateway process served recently, least recently used out first, bounded by bytes.
 * An entry is only a candidate: it is served once the invoice-service confirmed that its key is
 * the invoice's current PDF for this caller's scope (InvoicePdfDownloads), so it never leaks
 * across customers; what it saves is the PDF's bytes, base64-encoded, through the broker.
 */
export class GatewayPdfCache {
  private readonly entries?: LRUCache<string, HeldPdf>;

  constructor(maxBytes: number) {
    if (maxBytes <= 0) return;
    this.entries = new LRUCache<string, HeldPdf>({
      maxSize: maxBytes,
      sizeCalculation: (held) => Math.max(1, held.pdf.length),
      // A PDF larger than the whole budget is simply not kept.
      maxEntrySize: maxBytes,
    });
  }

  get bytes(): number {
    return this.entries?.calculatedSize ?? 0;
  }

  get(organizationId: string, invoiceId: string): HeldPdf | undefined {
    return this.entries?.get(slot(organizationId, invoiceId));
  }

  set(organizationId: string, invoiceId: string, held: HeldPdf): void {
    if (!this.entries) return;
    this.entries.set(slot(organizationId, invoiceId), held);
    metrics.bytes.set(this.bytes);
  }

  record(outcome: 'held' | 'hit' | 'stale' | 'miss'): void {
    metrics.lookups.inc({ outcome });
  }
}

const slot = (organizationId: string, invoiceId: string) => `${organizationId}\u0000${invoiceId}`;
