import { Inject, Injectable, Logger } from '@nestjs/common';
import { InvoiceServiceConfig } from '../config/invoice-service.config';

/** Raster formats only: an SVG is a document of its own, with links and scripts. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * Fetches an organization's logo once, when its URL changes, so PDFs can inline it: the renderer
 * itself blocks every request. http(s) only, no redirects, a time and size limit; any failure
 * means a PDF without a logo, never a failed event.
 */
@Injectable()
export class LogoFetcher {
  private readonly logger = new Logger(LogoFetcher.name);

  constructor(@Inject(InvoiceServiceConfig) private readonly config: InvoiceServiceConfig) {}

  async dataUri(url: string | null): Promise<string | null> {
    if (!url || this.config.pdf.logoMaxBytes === 0) return null;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
      const response = await fetch(parsed, {
        redirect: 'error',
        signal: AbortSignal.timeout(this.config.pdf.logoTimeoutMs),
      });
      const type = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (!response.ok || !type || !IMAGE_TYPES.has(type) || !response.body) {
        throw new Error(`answered ${response.status} ${type ?? 'without a content type'}`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += (chunk as Uint8Array).length;
        if (size > this.config.pdf.logoMaxBytes) {
          throw new Error(`is larger than ${this.config.pdf.logoMaxBytes} bytes`);
        }
        chunks.push(Buffer.from(chunk as Uint8Array));
      }
      return `data:${type};base64,${Buffer.concat(chunks).toString('base64')}`;
    } catch (error) {
      this.logger.warn(`logo ${url} left out of PDFs: ${(error as Error).message}`);
      return null;
    }
  }
}
