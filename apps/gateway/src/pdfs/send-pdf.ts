import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from './content-disposition';
import type { PdfDownload } from './invoice-pdf-downloads';

/** A PDF download; callers set their own security headers first. */
export function sendPdf(reply: FastifyReply, download: PdfDownload): void {
  void reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', attachmentDisposition(download.number))
    .header('content-language', download.locale)
    .header('content-length', String(download.pdf.length))
    // hit = no Chromium involved; the source says which copy answered (gateway, service, render).
    .header('x-portico-pdf-cache', download.source === 'render' ? 'miss' : 'hit')
    .header('x-portico-pdf-source', download.source)
    .send(download.pdf);
}
