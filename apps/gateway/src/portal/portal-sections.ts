import type { PortalSession } from '../portal-sessions/portal-session.guard';

/**
 * A part of the portal's first page beside the invoice list (credits, plans and usage, credit
 * notes…): each feature owns its source, its partial (`views/partials/<partial>.hbs`) and its
 * translations, and the page only places them. A source answers null when the customer has
 * nothing to show there, and the section is left out.
 */
export interface PortalSection {
  /** The partial that renders `view`. */
  partial: string;
  /** Above the invoice list (Lago's order: credits, then plans and usage) or below it. */
  placement: 'before-invoices' | 'after-invoices';
  /** Position among the sections of the same placement, lowest first. */
  order: number;
  view: object;
}

export interface PortalSectionContext {
  session: PortalSession;
  locale: string;
  /** The portal's path for this token: links inside a section start here. */
  basePath: string;
}

export interface PortalSectionSource {
  /** Names the section in logs and in the "unavailable" notice. */
  readonly name: string;
  load(context: PortalSectionContext): Promise<PortalSection | null>;
}

/** The sources, in no particular order; `PortalModule` lists them. */
export const PORTAL_SECTION_SOURCES = Symbol('PORTAL_SECTION_SOURCES');
