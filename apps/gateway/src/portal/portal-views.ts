import { Injectable } from '@nestjs/common';
import { LOCALES } from '@portico/contracts';
import { compilePlaceholders } from '@portico/i18n';
import { findUp } from '@portico/runtime';
import Handlebars from 'handlebars';
import { I18nService } from 'nestjs-i18n';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ErrorPageView, InvoicesPageView, ResultsView } from './portal-page-view';
import { compileWithLabels } from './static-translations';

const VIEWS_PATH = ['apps', 'gateway', 'src', 'portal', 'views'];
const COMPILE_OPTIONS: CompileOptions = { strict: false, preventIndent: true };
const LOCALE_CODES = new Set<string>(LOCALES.map((locale) => locale.code));

/**
 * The portal's templates on their own Handlebars instance, compiled once: every `views/*.hbs` is
 * a page (rendered by its file name), every `views/partials/*.hbs` a partial (pages render inside
 * `layout`). Every string goes through nestjs-i18n in the page's language (`t`); every value is
 * escaped by Handlebars (no template uses triple braces), so customer data never becomes markup.
 * Each supported language has its own compiled set, made on first use, with the fixed labels
 * (`{{t "a.key"}}`) already in place (static-translations.ts); any other `lang` renders with
 * the helper only.
 */
@Injectable()
export class PortalViews {
  private readonly sources: { pages: Source[]; partials: Source[] };
  private readonly sets = new Map<string, Map<string, Handlebars.TemplateDelegate>>();
  /** Translations without arguments, memoized per language: a page asks for the same labels. */
  private readonly labels = new Map<string, Map<string, string>>();
  /** The same labels' placeholders, read once (fillPlaceholders' result, per arguments). */
  private readonly fills = new Map<
    string,
    Map<string, (args: Record<string, unknown>) => string>
  >();

  constructor(private readonly i18n: I18nService) {
    const dir = join(
      findUp(__dirname, ['views', 'invoices.hbs'], [...VIEWS_PATH, 'invoices.hbs']),
      '..',
    );
    const templates = (folder: string) =>
      readdirSync(folder)
        .filter((file) => file.endsWith('.hbs'))
        .map((file) => ({
          name: basename(file, '.hbs'),
          source: readFileSync(join(folder, file), 'utf8'),
        }));
    this.sources = { pages: templates(dir), partials: templates(join(dir, 'partials')) };
  }

  /** Renders `views/<name>.hbs`; the view carries `lang` (the `t` helper reads it). */
  page(name: string, view: { lang: string }): string {
    const template = this.templatesFor(view.lang).get(name);
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

  private templatesFor(lang: string): Map<string, Handlebars.TemplateDelegate> {
    const set = LOCALE_CODES.has(lang) ? lang : '';
    let pages = this.sets.get(set);
    if (!pages) {
      pages = this.compile(set || null);
      this.sets.set(set, pages);
    }
    return pages;
  }

  /** Every page and partial for one language (null: none inlined, every label by the helper). */
  private compile(lang: string | null): Map<string, Handlebars.TemplateDelegate> {
    const handlebars = Handlebars.create();
    handlebars.registerHelper('t', (key: string, options: Handlebars.HelperOptions) =>
      this.translate(key, (options.data.root as { lang: string }).lang, options.hash),
    );
    handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    const build = (source: string) =>
      compileWithLabels(
        handlebars,
        source,
        COMPILE_OPTIONS,
        lang === null ? null : (key) => this.translate(key, lang, {}),
      );
    for (const { name, source } of this.sources.partials)
      handlebars.registerPartial(name, build(source));
    const pages = new Map<string, Handlebars.TemplateDelegate>();
    for (const { name, source } of this.sources.pages) {
      const page = build(source);
      // The results list is also a fragment of its own (the script's in-place paging).
      if (name === 'results') handlebars.registerPartial(name, page);
      pages.set(name, page);
    }
    return pages;
  }

  private translate(key: string, lang: string, args: Record<string, unknown>): string {
    if (Object.keys(args).length > 0) {
      let fills = this.fills.get(lang);
      if (!fills) this.fills.set(lang, (fills = new Map()));
      let fill = fills.get(key);
      if (!fill) fills.set(key, (fill = compilePlaceholders(this.translate(key, lang, {}))));
      return fill(args);
    }
    let labels = this.labels.get(lang);
    if (!labels) this.labels.set(lang, (labels = new Map()));
    let label = labels.get(key);
    if (label === undefined) {
      label = this.i18n.t<string, string>(key, { lang });
      labels.set(key, label);
    }
    return label;
  }
}

interface Source {
  name: string;
  source: string;
}
