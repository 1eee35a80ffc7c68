import { Injectable } from '@nestjs/common';
import { fillPlaceholders } from '@portico/i18n';
import { findUp } from '@portico/runtime';
import Handlebars from 'handlebars';
import { I18nService } from 'nestjs-i18n';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ErrorPageView, InvoicesPageView, ResultsView } from './portal-page-view';

const VIEWS_PATH = ['apps', 'gateway', 'src', 'portal', 'views'];

/**
 * The portal's templates on their own Handlebars instance, compiled once: every `views/*.hbs` is
 * a page (rendered by its file name), every `views/partials/*.hbs` a partial (pages render inside
 * `layout`). Every string goes through nestjs-i18n in the page's language (`t`); every value is
 * escaped by Handlebars (no template uses triple braces), so customer data never becomes markup.
 */
@Injectable()
export class PortalViews {
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();
  /** Translations without arguments, memoized: a page asks for the same labels on every row. */
  private readonly labels = new Map<string, string>();

  constructor(private readonly i18n: I18nService) {
    const dir = join(
      findUp(__dirname, ['views', 'invoices.hbs'], [...VIEWS_PATH, 'invoices.hbs']),
      '..',
    );
    const handlebars = Handlebars.create();
    handlebars.registerHelper('t', (key: string, options: Handlebars.HelperOptions) =>
      this.translate(key, (options.data.root as { lang: string }).lang, options.hash),
    );
    handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    const templates = (folder: string) =>
      readdirSync(folder)
        .filter((file) => file.endsWith('.hbs'))
        .map((file) => [basename(file, '.hbs'), readFileSync(join(folder, file), 'utf8')] as const);
    for (const [name, source] of templates(join(dir, 'partials')))
      handlebars.registerPartial(name, source);
    for (const [name, source] of templates(dir)) {
      // The results list is also a fragment of its own (the script's in-place paging).
      if (name === 'results') handlebars.registerPartial(name, source);
      this.pages.set(name, handlebars.compile(source, { strict: false, preventIndent: true }));
    }
  }

  /** Renders `views/<name>.hbs`; the view carries `lang` (the `t` helper reads it). */
  page(name: string, view: { lang: string }): string {
    const template = this.pages.get(name);
    if (!template) throw new Error(`no portal page named ${name}`);
    return template(view);
  }

  invoices(view: InvoicesPageView): string {
    return this.page('invoices', view);
  }

  results(view: ResultsView, lang: string): string {
    return this.page('results', { ...view, lang });
  }

  error(view: ErrorPageView): string {
    return this.page('error', view);
  }

  private translate(key: string, lang: string, args: Record<string, unknown>): string {
    if (Object.keys(args).length > 0) {
      return fillPlaceholders(this.translate(key, lang, {}), args);
    }
    const memoKey = `${lang}\u0000${key}`;
    let label = this.labels.get(memoKey);
    if (label === undefined) {
      label = this.i18n.t<string, string>(key, { lang });
      this.labels.set(memoKey, label);
    }
    return label;
  }
}
