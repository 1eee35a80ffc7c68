import { z } from 'zod';

/** The document and portal languages (docs/architecture.md, "Language"): Lago's nine, then ours. */
export const LOCALES = [
  { code: 'en', name: 'English', native_name: 'English', direction: 'ltr' },
  { code: 'fr', name: 'French', native_name: 'Français', direction: 'ltr' },
  { code: 'de', name: 'German', native_name: 'Deutsch', direction: 'ltr' },
  { code: 'es', name: 'Spanish', native_name: 'Español', direction: 'ltr' },
  { code: 'it', name: 'Italian', native_name: 'Italiano', direction: 'ltr' },
  { code: 'nb', name: 'Norwegian Bokmål', native_name: 'Norsk bokmål', direction: 'ltr' },
  { code: 'sv', name: 'Swedish', native_name: 'Svenska', direction: 'ltr' },
  {
    code: 'pt-BR',
    name: 'Portuguese (Brazil)',
    native_name: 'Português (Brasil)',
    direction: 'ltr',
  },
  { code: 'zh-TW', name: 'Chinese (Taiwan)', native_name: '中文（台灣）', direction: 'ltr' },
  { code: 'nl', name: 'Dutch', native_name: 'Nederlands', direction: 'ltr' },
  { code: 'pl', name: 'Polish', native_name: 'Polski', direction: 'ltr' },
  { code: 'ja', name: 'Japanese', native_name: '日本語', direction: 'ltr' },
  { code: 'ar', name: 'Arabic', native_name: 'العربية', direction: 'rtl' },
] as const;

export type Locale = (typeof LOCALES)[number]['code'];
export const DEFAULT_LOCALE: Locale = 'en';

const CODES = LOCALES.map((l) => l.code) as [Locale, ...Locale[]];
const BY_LOWERCASE = new Map<string, Locale>(CODES.map((code) => [code.toLowerCase(), code]));

/** `pt-br`, `PT_BR` and `pt-BR` are the same tag; anything else is not ours. */
export function toSupportedLocale(value: string): Locale | undefined {
  return BY_LOWERCASE.get(value.trim().replace('_', '-').toLowerCase());
}

export const SUPPORTED_LOCALES_MESSAGE = `must be one of: ${CODES.join(', ')}`;

/** A supported BCP-47 tag, normalized to its canonical spelling; the error lists the valid ones. */
export const localeSchema = z
  .string()
  .transform((value, ctx) => {
    const locale = toSupportedLocale(value);
    if (!locale) ctx.addIssue({ code: 'custom', message: SUPPORTED_LOCALES_MESSAGE });
    return locale ?? z.NEVER;
  })
  .meta({ type: 'string', enum: CODES, description: 'A supported BCP-47 locale' });

/** The one place the fallback chain lives: customer → organization → English. */
export function resolveLocale(
  customerLocale?: string | null,
  organizationLocale?: string | null,
): Locale {
  return (
    (customerLocale && toSupportedLocale(customerLocale)) ||
    (organizationLocale && toSupportedLocale(organizationLocale)) ||
    DEFAULT_LOCALE
  );
}

/** The first supported language the browser asks for (`pt-BR,pt;q=0.9` → `pt-BR`), else English. */
export function fromAcceptLanguage(header: string | undefined): Locale {
  const wanted = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    const exact = toSupportedLocale(tag);
    if (exact) return exact;
    const base = LOCALES.find((l) => l.code.split('-')[0] === tag.split('-')[0]!.toLowerCase());
    if (base) return base.code;
  }
  return 'en';
}
