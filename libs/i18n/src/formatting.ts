/**
 * Dates and money for a locale, with `Intl`, shared by the portal and the PDF so both show the
 * same thing. Formatters are cached: building an `Intl` formatter costs far more than using one.
 */
const moneyFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
/**
 * `resolvedOptions()` builds a fresh options object on every call: asking it per amount was 8.8%
 * of the gateway's CPU under the portal page's load (docs/benchmarks.md). A currency's digits
 * never change, so they are read once.
 */
const digitsByCurrency = new Map<string, number>();

function moneyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format;
}

/** How many minor units a currency has (EUR 2, JPY 0, KWD 3), as Intl knows it. */
export function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = moneyFormat('en', currency).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/**
 * Formatted amounts by locale, currency and amount: a portal page formats some 40 of them and
 * `Intl.NumberFormat#format` was the next `Intl` cost in its profile; the same amounts come back
 * page after page. Bounded; emptied when full, as the dates are.
 */
const formattedAmounts = new Map<string, string>();
const MAX_FORMATTED_AMOUNTS = 20_000;

/** `123456, 'EUR', 'fr'` → `1 234,56 €`. Amounts are integers in the currency's minor unit. */
export function formatMoney(cents: number, currency: string, locale: string): string {
  // -0 is formatted with its sign and `${-0}` is '0': it keeps a key of its own.
  const key = `${locale}|${currency}|${Object.is(cents, -0) ? '-0' : cents}`;
  let formatted = formattedAmounts.get(key);
  if (formatted === undefined) {
    formatted = moneyFormat(locale, currency).format(cents / 10 ** currencyDigits(currency));
    if (formattedAmounts.size >= MAX_FORMATTED_AMOUNTS) formattedAmounts.clear();
    formattedAmounts.set(key, formatted);
  }
  return formatted;
}

/**
 * Formatted calendar dates by locale and ISO string: a portal page shows the same few issuing and
 * due dates row after row, and after `resolvedOptions()` was gone, parsing and formatting them was
 * the next `Intl` cost in the gateway's profile. Bounded; emptied when full (dates are cheap).
 */
const formattedDates = new Map<string, string>();
const MAX_FORMATTED_DATES = 10_000;

/** A calendar date (`2026-11-25`) or an instant, shown as the date it is in UTC. */
export function formatDate(value: string | Date, locale: string): string {
  if (typeof value !== 'string') return dateFormat(locale).format(value);
  const key = `${locale}\u0000${value}`;
  let formatted = formattedDates.get(key);
  if (formatted === undefined) {
    const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
    formatted = dateFormat(locale).format(new Date(date));
    if (formattedDates.size >= MAX_FORMATTED_DATES) formattedDates.clear();
    formattedDates.set(key, formatted);
  }
  return formatted;
}

function dateFormat(locale: string): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format;
}

/** Quantities such as line-item units: up to 4 decimals, locale separators. */
export function formatNumber(value: number, locale: string): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
    numberFormats.set(locale, format);
  }
  return format.format(value);
}
