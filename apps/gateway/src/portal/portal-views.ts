import { Injectable } from '@nestjs/common';
import { fillPlaceholders } from '@portico/i18n';
import { findUp } from '@portico/runtime';
import Handlebars from 'handlebars';
import { I18nService } from 'nestjs-i18n';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorPageView, InvoicesPageView, ResultsView } from './portal-page-view';

const VIEWS_PATH = ['apps', 'gateway', 'src', 'portal', 'views'];

/**
 * The portal's templates on their own Handlebars instance, compiled once. Every string goes
 * through nestjs-i18n in the page's language (`t`); every value is escaped by Handlebars (no
 * template uses triple braces), so invoice data never becomes markup.
 */
@Injectable()
export class PortalViews {
  private readonly invoicesPage: Handlebars.TemplateDelegate<InvoicesPageView>;
  private readonly resultsFragment: Handlebars.TemplateDelegate<ResultsView & { lang: string }>;
  private readonly errorPage: Handlebars.TemplateDelegate<ErrorPageView>;
  /** Translations without arguments, memoized: a page asks for the same labels on every row. */
  private readonly labels = new Map<string, string>();

  constructor(private readonly i18n: I18nService) {
    const dir = findUp(__dirname, ['views', 'invoices.hbs'], [...VIEWS_PATH, 'invoices.hbs']);
    const read = (name: string) => readFileSync(join(dir, '..', name), 'utf8');
    const handlebars = Handlebars.create();
    handlebars.registerHelper('t', (key: string, options: Handlebars.HelperOptions) =>
      this.translate(key, (options.data.root as { lang: string }).lang, options.hash),
    );
    handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    handlebars.registerPartial('results', read('results.hbs'));
    const compile = <T>(name: string) =>
      handlebars.compile<T>(read(name), { strict: false, preventIndent: true });
    this.invoicesPage = compile('invoices.hbs');
    this.resultsFragment = compile('results.hbs');
    this.errorPage = compile('error.hbs');
  }

  invoices(view: InvoicesPageView): string {
    return this.invoicesPage(view);
  }

  results(view: ResultsView, lang: string): string {
    return this.resultsFragment({ ...view, lang });
  }

  error(view: ErrorPageView): string {
    return this.errorPage(view);
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
