import { formatDate, formatMoney, formatNumber } from '@portico/i18n';
import type Handlebars from 'handlebars';

/** Translates a key for a language; `args` fill `{name}` placeholders. */
export type Translate = (key: string, lang: string, args?: Record<string, unknown>) => string;

interface Root {
  lang: string;
  currency: string;
}

const rootOf = (options: Handlebars.HelperOptions) => options.data.root as Root;

/**
 * Every helper the invoice template may use, in one place, on the template's own Handlebars
 * instance. Each returns plain text, which Handlebars escapes like any other value: invoice data
 * never becomes markup.
 */
export function registerPdfHelpers(handlebars: typeof Handlebars, translate: Translate): void {
  handlebars.registerHelper('t', (key: string, options: Handlebars.HelperOptions) =>
    translate(key, rootOf(options).lang, options.hash as Record<string, unknown>),
  );
  handlebars.registerHelper('money', (cents: number, options: Handlebars.HelperOptions) => {
    const { currency, lang } = rootOf(options);
    return formatMoney(cents, currency, lang);
  });
  handlebars.registerHelper('date', (value: string, options: Handlebars.HelperOptions) =>
    formatDate(value, rootOf(options).lang),
  );
  handlebars.registerHelper('quantity', (value: number, options: Handlebars.HelperOptions) =>
    formatNumber(value, rootOf(options).lang),
  );
}
