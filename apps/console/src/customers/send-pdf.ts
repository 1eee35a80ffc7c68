import type { FastifyReply } from 'fastify';

/** A PDF download: an attachment, never a document the console's origin would render. */
export function sendPdf(
  reply: FastifyReply,
  result: { number: string; locale: string; pdf_base64?: string },
): void {
  // The console keeps no PDFs, so it never asks conditionally: the bytes are always there.
  if (result.pdf_base64 === undefined)
    throw new Error('the invoice-service sent a PDF without bytes');
  const pdf = Buffer.from(result.pdf_base64, 'base64');
  const ascii = result.number.replace(/[^A-Za-z0-9._-]/g, '_');
  void reply
    .header('content-type', 'application/pdf')
    .header(
      'content-disposition',
      `attachment; filename="${ascii}.pdf"; filename*=UTF-8''${encodeURIComponent(result.number)}.pdf`,
    )
    .header('content-language', result.locale)
    .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'")
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(pdf);
}
