import { Injectable } from '@nestjs/common';
import { findUp } from '@portico/runtime';
import Handlebars from 'handlebars';
import { I18nService } from 'nestjs-i18n';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const VIEWS_PATH = ['apps', 'console', 'src', 'views'];
export const PAGES = [
  'login',
  'set-password',
  'customers',
  'customer',
  'settings',
  'members',
  'activity',
  'error',
] as const;
export type PageName = (typeof PAGES)[number];

/**
 * The console's templates on their own Handlebars instance, compiled once. Every string goes
 * through nestjs-i18n (`t`) in the page's language; every value is escaped (no template uses
 * triple braces), and data is never passed as a translation argument that could be interpreted.
 */
@Injectable()
export class ConsoleViews {
  private readonly pages = new Map<PageName, Handlebars.TemplateDelegate>();

  constructor(private readonly i18n: I18nService) {
    const dir = join(
      findUp(__dirname, ['views', 'layout.hbs'], [...VIEWS_PATH, 'layout.hbs']),
      '..',
    );
    const handlebars = Handlebars.create();
    handlebars.registerHelper('t', (key: string, options: Handlebars.HelperOptions) => {
      const lang = (options.data.root as { lang: string }).lang;
      const args = options.hash as Record<string, unknown>;
      return this.i18n.t<string, string>(key, Object.keys(args).length ? { lang, args } : { lang });
    });
    handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    for (const file of readdirSync(dir).filter((f) => f.startsWith('_') && f.endsWith('.hbs')))
      handlebars.registerPartial(file.slice(1, -4), readFileSync(join(dir, file), 'utf8'));
    handlebars.registerPartial('layout', readFileSync(join(dir, 'layout.hbs'), 'utf8'));
    for (const page of PAGES)
      this.pages.set(
        page,
        handlebars.compile(readFileSync(join(dir, `${page}.hbs`), 'utf8'), { strict: false }),
      );
  }

  render(page: PageName, view: object): string {
    return this.pages.get(page)!(view);
  }

  t(key: string, lang: string): string {
    return this.i18n.t<string, string>(key, { lang });
  }
}
