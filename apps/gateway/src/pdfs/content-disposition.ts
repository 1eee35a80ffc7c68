/**
 * `attachment` with the invoice number as the file name (RFC 6266): an ASCII `filename` every
 * client understands, plus `filename*` (RFC 8187, UTF-8) when the number is not plain ASCII.
 * Path separators, quotes and control characters never reach either.
 */
export function attachmentDisposition(invoiceNumber: string): string {
  const base =
    invoiceNumber
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '_')
      .replace(/^[.\s]+/, '')
      .trim()
      .slice(0, 150) || 'invoice';
  const name = `${base}.pdf`;
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/[%;]/g, '_');
  if (ascii === name) return `attachment; filename="${name}"`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
