/** A postal address with Lago's field names (a customer's billing or shipping address). */
export interface PostalAddress {
  address_line1?: string | null;
  address_line2?: string | null;
  city?: string | null;
  state?: string | null;
  zipcode?: string | null;
  country?: string | null;
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** `FR` in `de` → `Frankreich`; an unknown code stays as it is. */
export function countryName(code: string, locale: string): string {
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
    regionNames.set(locale, names);
  }
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/**
 * The address as the lines of an envelope, empty parts left out, the country named in the
 * reader's language: the portal's "Your details" and the PDF's "bill to" show it alike. Lines are
 * plain text; the templates escape them.
 */
export function formatAddress(address: PostalAddress | null | undefined, locale: string): string[] {
  if (!address) return [];
  const cityLine = [address.zipcode, address.city].filter(Boolean).join(' ');
  return [
    address.address_line1,
    address.address_line2,
    cityLine,
    address.state,
    address.country ? countryName(address.country, locale) : null,
  ].filter((line): line is string => typeof line === 'string' && line.trim() !== '');
}
