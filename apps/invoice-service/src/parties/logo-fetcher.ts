import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OutboundGuard } from '@portico/outbound';
import { InvoiceServiceConfig } from '../config/invoice-service.config';
import { LOGO_GUARD } from './logo-guard';

/** Raster formats only: an SVG is a document of its own, with links and scripts. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * Fetches an organization's logo once, when its URL changes, so PDFs can inline it: the renderer
 * itself blocks every request. Through the outbound guard: no loopback, private, link-local or
 * metadata address in any spelling (unless OUTBOUND_ALLOWED_HOSTS says so), the address checked
 * is the one connected to, no redirects, a time and size limit. Any failure means a PDF without a
 * logo, never a failed event.
 */
@Injectable()
export class LogoFetcher {
  private readonly logger = new Logger(LogoFetcher.name);

  constructor(
    @Inject(InvoiceServiceConfig) private readonly config: InvoiceServiceConfig,
    @Inject(LOGO_GUARD) private readonly guard: OutboundGuard,
  ) {}

  async dataUri(url: string | null): Promise<string | null> {
    if (!url || this.config.pdf.logoMaxBytes === 0) return null;
    try {
      const response = await this.guard.request(url, {
        method: 'GET',
        timeoutMs: this.config.pdf.logoTimeoutMs,
        // One byte more than allowed tells a logo that is too large from one that fits exactly.
        maxResponseBytes: this.config.pdf.logoMaxBytes + 1,
      });
      const header = response.headers['content-type'];
      const type = header?.split(';')[0]?.trim().toLowerCase();
      if (response.status < 200 || response.status >= 300 || !type || !IMAGE_TYPES.has(type)) {
        throw new Error(`answered ${response.status} ${type ?? 'without a content type'}`);
      }
      if (response.truncated || response.body.length > this.config.pdf.logoMaxBytes) {
        throw new Error(`is larger than ${this.config.pdf.logoMaxBytes} bytes`);
      }
      return `data:${type};base64,${response.body.toString('base64')}`;
    } catch (error) {
      this.logger.warn(`logo ${url} left out of PDFs: ${(error as Error).message}`);
      return null;
    }
  }
}
