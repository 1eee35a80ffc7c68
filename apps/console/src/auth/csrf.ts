import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of two tokens of any length. */
export function sameToken(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length === 0) return false;
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Before login there is no session to hold a synchronizer token, so the login form's token is an
 * HMAC of the anonymous cookie: a cross-site page can neither read the cookie nor compute it.
 */
export class AnonymousCsrf {
  static readonly PREFIX = 'anon.';

  constructor(private readonly secret: string) {}

  newCookieValue(): string {
    return `${AnonymousCsrf.PREFIX}${randomBytes(24).toString('base64url')}`;
  }

  tokenFor(cookieValue: string): string {
    return createHmac('sha256', this.secret)
      .update(`login-csrf:${cookieValue}`)
      .digest('base64url');
  }

  static isAnonymous(cookieValue: string | undefined): boolean {
    return cookieValue?.startsWith(AnonymousCsrf.PREFIX) ?? false;
  }
}
