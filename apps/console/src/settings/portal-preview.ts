import { formatMoney } from '@portico/i18n';
import { randomBytes } from 'node:crypto';
import type { ConsoleCsp } from '../rendering/console-headers';
import { directionOf } from '../rendering/ui-language';

/** What the portal's look is made of: the organization's saved or submitted settings. */
export interface PortalBranding {
  name: string;
  display_name: string | null;
  logo_url: string | null;
  brand_color: string | null;
  default_document_locale: string;
}

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** The portal's own strings, in the organization's language (customers read it in theirs). */
const PORTAL_TEXT = {
  heading: 'portal.heading',
  overview: 'portal.totals.heading',
  amountDue: 'portal.totals.total_outstanding',
  all: 'portal.filters.all',
  paid: 'portal.filters.paid',
  unpaid: 'portal.filters.unpaid',
  number: 'portal.table.number',
  amount: 'portal.table.amount',
  download: 'portal.table.download_pdf',
  poweredBy: 'portal.powered_by',
} as const;

/**
 * A server-rendered miniature of the portal's first page with the organization's name or logo
 * and brand colour. The colour goes in through a `<style>` with this page's nonce and the logo's
 * origin into `img-src`, as the portal itself does (no inline script or style attribute); the
 * colour is the contract's `#rrggbb` and checked again here, since it lands in CSS.
 */
export function portalPreview(
  branding: PortalBranding,
  translate: (key: string, lang: string) => string,
): { view: object; csp: ConsoleCsp } {
  const lang = branding.default_document_locale;
  const colour =
    branding.brand_color && HEX_COLOUR.test(branding.brand_color) ? branding.brand_color : null;
  const logoOrigin = originOf(branding.logo_url);
  const nonce = randomBytes(16).toString('base64url');
  const amount = (euros: number) => formatMoney(euros * 100, 'EUR', lang);
  return {
    view: {
      lang,
      dir: directionOf(lang),
      name: branding.display_name || branding.name,
      logoUrl: logoOrigin ? branding.logo_url : null,
      style: colour && { nonce, colour },
      text: Object.fromEntries(
        Object.entries(PORTAL_TEXT).map(([name, key]) => [name, translate(key, lang)]),
      ),
      amountDue: amount(1_250),
      rows: [
        { number: 'INV-2026-0042', amount: amount(1_250) },
        { number: 'INV-2026-0041', amount: amount(980) },
      ],
    },
    csp: { styleNonce: colour ? nonce : undefined, imageOrigins: logoOrigin ? [logoOrigin] : [] },
  };
}

function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
