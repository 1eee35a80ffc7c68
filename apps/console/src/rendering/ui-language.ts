import { LOCALES, fromAcceptLanguage, toSupportedLocale, type Locale } from '@portico/contracts';
import type { FastifyRequest } from 'fastify';
import { LANGUAGE_COOKIE, readCookie } from '../auth/cookies';

/** The operator's pick (cookie) first, then the browser's Accept-Language, then English. */
export function uiLanguage(request: FastifyRequest): Locale {
  const picked = readCookie(request, LANGUAGE_COOKIE);
  return (
    (picked && toSupportedLocale(picked)) || fromAcceptLanguage(request.headers['accept-language'])
  );
}

export function directionOf(lang: string): 'ltr' | 'rtl' {
  return LOCALES.find((l) => l.code === lang)?.direction ?? 'ltr';
}

/** The 13 languages by their own names (language pickers). */
export function languageOptions(selected: string | null) {
  return LOCALES.map((l) => ({
    code: l.code,
    name: l.native_name,
    dir: l.direction,
    selected: l.code === selected,
  }));
}

export function nativeName(code: string): string {
  return LOCALES.find((l) => l.code === code)?.native_name ?? code;
}
