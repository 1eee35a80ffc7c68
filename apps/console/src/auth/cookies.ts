import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'portico_console';
export const LANGUAGE_COOKIE = 'portico_console_lang';

/** One cookie from the request's Cookie header (a tiny parser: we read two names, nothing more). */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs), Secure over https,
 * Path=/ and no Max-Age for the session: the server's idle timeout and lifetime decide.
 */
export function setCookie(
  reply: FastifyReply,
  name: string,
  value: string,
  { secure, maxAgeSeconds }: { secure: boolean; maxAgeSeconds?: number },
): void {
  const attributes = [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
    ...(maxAgeSeconds !== undefined ? [`Max-Age=${maxAgeSeconds}`] : []),
  ];
  const previous = reply.getHeader('set-cookie');
  const list =
    previous === undefined ? [] : Array.isArray(previous) ? previous : [String(previous)];
  void reply.header('set-cookie', [...list, attributes.join('; ')]);
}
