import { Inject, Injectable } from '@nestjs/common';
import { RenderInvoicePdf } from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import { GatewayConfig } from '../config/gateway.config';
import { GatewayPdfCache } from './gateway-pdf-cache';

export interface PdfDownload {
  number: string;
  locale: string;
  /** Where the bytes came from: this gateway's copy, the invoice-service's cache, or Chromium. */
  source: 'gateway' | 'service' | 'render';
  pdf: Buffer;
}

/**
 * An invoice's PDF for the portal and the operator's file URLs. Each download asks the
 * invoice-service (it decides visibility and scope, and whether the PDF is current); when this
 * gateway already holds the current PDF, the answer is a few bytes instead of the whole PDF.
 */
@Injectable()
export class InvoicePdfDownloads {
  private readonly held: GatewayPdfCache;

  constructor(
    private readonly rpc: ServiceClient,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {
    this.held = new GatewayPdfCache(config.pdfCacheBytes);
  }

  async download(request: {
    organization_id: string;
    invoice_id: string;
    external_customer_id?: string;
  }): Promise<PdfDownload> {
    const held = this.held.get(request.organization_id, request.invoice_id);
    const reply = await this.rpc.call(
      RenderInvoicePdf,
      { ...request, ...(held && { if_none_match: held.key }) },
      { timeoutMs: this.config.pdfRpcTimeoutMs },
    );
    if (reply.pdf_base64 === undefined) {
      // Only ever omitted for the key we sent: `held` is the current PDF.
      if (!held || reply.key !== held.key) {
        throw new Error('the invoice-service sent no PDF for a key this gateway does not hold');
      }
      this.held.record('hit');
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
    }
    return {
      number: reply.number,
      locale: reply.locale,
      source: reply.cached ? 'service' : 'render',
      pdf,
    };
  }
}
