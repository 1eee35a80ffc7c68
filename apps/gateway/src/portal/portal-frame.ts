import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GatewayConfig } from '../config/gateway.config';
import { cspNonce } from './csp-nonces';
import { PortalAssets } from './portal-assets';
import { setPortalHeaders } from './portal-headers';
import { directionOf, organizationName } from './portal-page-view';
import type { PortalRequest } from '../portal-sessions/portal-session.guard';

/** The portal's pages, as its navigation lists them; `path` follows the token's base path. */
export const PORTAL_NAV = [
  { key: 'billing', path: '', label: 'portal.nav.billing' },
  { key: 'account', path: '/account', label: 'account.nav' },
] as const;
export type PortalNavKey = (typeof PORTAL_NAV)[number]['key'];

/** What `views/partials/layout.hbs` needs: every portal page renders inside it. */
export interface PortalFrameView {
  lang: string;
  dir: 'ltr' | 'rtl';
  nonce: string;
  assetVersion: string;
  organizationName: string;
  logoUrl: string | null;
  brandColor: string | null;
  customerName: string | null;
  embedOrigins: string;
  basePath: string;
  /** The `<title>` translation key; it may use `{organization}`. */
  titleKey: string;
  nav: { href: string; label: string; current: boolean }[];
}

/** The parts every portal page shares: its base path, headers, masthead and navigation. */
@Injectable()
export class PortalFrame {
  private readonly publicPath: string;

  constructor(
    private readonly assets: PortalAssets,
    @Inject(GatewayConfig) config: GatewayConfig,
  ) {
    this.publicPath = new URL(config.publicUrl).pathname.replace(/\/+$/, '');
  }

  /**
   * Links come from PUBLIC_URL's path and the token, never from the request line: an
   * absolute-form request (`GET http://elsewhere/customer-portal/…`) must not move them.
   */
  basePath(request: PortalRequest): string {
    const token = (request.params as { token: string }).token;
    return `${this.publicPath}/customer-portal/${encodeURIComponent(token)}`;
  }

  /** Sets the page's headers (CSP with a fresh nonce) and returns the layout's view. */
  open(
    request: PortalRequest,
    reply: FastifyReply,
    page: { titleKey: string; current: PortalNavKey | null; formActionOrigins?: string[] },
  ): PortalFrameView {
    const { organization, customer, locale } = request.portalSession;
    const nonce = cspNonce();
    setPortalHeaders(reply, organization.embed_origins, {
      styleNonce: organization.brand_color ? nonce : undefined,
      imageOrigins: organization.logo_url ? [new URL(organization.logo_url).origin] : [],
      formActionOrigins: page.formActionOrigins,
    });
    const basePath = this.basePath(request);
    return {
      lang: locale,
      dir: directionOf(locale),
      nonce,
      assetVersion: this.assets.version,
      organizationName: organizationName(organization),
      logoUrl: organization.logo_url,
      brandColor: organization.brand_color,
      customerName: customer.name,
      embedOrigins: organization.embed_origins.join(' '),
      basePath,
      titleKey: page.titleKey,
      nav:
        PORTAL_NAV.length > 1
          ? PORTAL_NAV.map((item) => ({
              href: `${basePath}${item.path}`,
              label: item.label,
              current: item.key === page.current,
            }))
          : [],
    };
  }
}
