import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from './content-disposition';

/** A PDF download; callers set their own security headers first. */
export function sendPdf(
  reply: FastifyReply,
  result: { number: string; locale: string; cached: boolean; pdf_base64: string },
): void {
  const pdf = Buffer.from(result.pdf_base64, 'base64');
  void reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', attachmentDisposition(result.number))
    .header('content-language', result.locale)
    .header('content-length', String(pdf.length))
    .header('x-portico-pdf-cache', result.cached ? 'hit' : 'miss')
    .send(pdf);
}
