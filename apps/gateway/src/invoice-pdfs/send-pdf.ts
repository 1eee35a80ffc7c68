import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from './content-disposition';

/** A PDF download; callers set their own security headers first. */
export function sendPdf(reply: FastifyReply, number: string, pdfBase64: string, cached: boolean) {
  const pdf = Buffer.from(pdfBase64, 'base64');
  void reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', attachmentDisposition(number))
    .header('content-length', String(pdf.length))
    .header('x-portico-pdf-cache', cached ? 'hit' : 'miss')
    .send(pdf);
}
