import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  PORTAL_SECTION_SOURCES,
  type PortalSection,
  type PortalSectionContext,
  type PortalSectionSource,
} from './portal-sections';

export interface PlacedSections {
  sectionsBefore: PortalSection[];
  sectionsAfter: PortalSection[];
}

/**
 * Loads every section of the first page at once. One that fails (its service away or slow)
 * becomes a short "unavailable" notice: the invoices, and the other sections, still show.
 */
@Injectable()
export class PortalSectionLoader {
  private readonly logger = new Logger(PortalSectionLoader.name);

  constructor(@Inject(PORTAL_SECTION_SOURCES) private readonly sources: PortalSectionSource[]) {}

  async load(context: PortalSectionContext): Promise<PlacedSections> {
    const loaded = await Promise.all(
      this.sources.map(async (source): Promise<PortalSection | null> => {
        try {
          return await source.load(context);
        } catch (error) {
          this.logger.warn(`portal section ${source.name} unavailable: ${String(error)}`);
          return {
            partial: 'section-unavailable',
            placement: 'before-invoices',
            order: Number.MAX_SAFE_INTEGER,
            view: { name: source.name },
          };
        }
      }),
    );
    const present = loaded
      .filter((section): section is PortalSection => section !== null)
      .sort((a, b) => a.order - b.order);
    return {
      sectionsBefore: present.filter((s) => s.placement === 'before-invoices'),
      sectionsAfter: present.filter((s) => s.placement === 'after-invoices'),
    };
  }
}
