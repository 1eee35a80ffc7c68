import { I18N_LOCALES_DIR, flattenTranslations, readTranslations } from '@portico/i18n';
import Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LOCALES } from '@portico/contracts';
import type { InvoicePdfView } from './invoice-pdf-view';
import { registerPdfHelpers, type Translate } from './pdf-helpers';
import type { PdfDocument } from './pdf-renderer';

/** Bump when code changes the PDF in a way the template and translations do not show. */
const RENDERING_REVISION = 1;
const TEMPLATES_PATH = ['apps', 'invoice-service', 'src', 'pdf', 'templates'];

/** What the footer of every document shows: its number, in its language and direction. */
export interface PdfFooterView {
  lang: string;
  dir: 'ltr' | 'rtl';
  number: string;
}

/**
 * The invoice template on its own Handlebars instance (helpers registered there, not globally).
 * `version` changes with the template, any translation or the rendering code, and is part of
 * every cache key, so a new release never serves a PDF made by the old one.
 */
export class InvoicePdfTemplate<V extends PdfFooterView = InvoicePdfView> {
  readonly version: string;
  private readonly template: Handlebars.TemplateDelegate<V>;

  /** `file`: another document of the same renderer (credit notes) has its own template. */
  constructor(
    private readonly translate: Translate,
    file = 'invoice.hbs',
  ) {
    const source = readFileSync(findTemplate(__dirname, file), 'utf8');
    const handlebars = Handlebars.create();
    registerPdfHelpers(handlebars, translate);
    this.template = handlebars.compile<V>(source, { strict: false });
    const translations = LOCALES.map(({ code }) =>
      JSON.stringify([...flattenTranslations(readTranslations(code, I18N_LOCALES_DIR))]),
    );
    this.version = createHash('sha256')
      .update(`${RENDERING_REVISION}\u0000${source}\u0000${translations.join('\u0000')}`)
      .digest('base64url')
      .slice(0, 16);
  }

  document(view: V): PdfDocument {
    return { html: this.template(view), footerTemplate: this.footer(view) };
  }

  /** Chromium fills `pageNumber` / `totalPages`; the sentence around them is translated. */
  private footer(view: V): string {
    const sentence = Handlebars.escapeExpression(
      this.translate('pdf.page', view.lang, { page: '\u0001', pages: '\u0002' }),
    )
      .replace('\u0001', '<span class="pageNumber"></span>')
      .replace('\u0002', '<span class="totalPages"></span>');
    const number = Handlebars.escapeExpression(view.number);
    return (
      `<div dir="${view.dir}" lang="${view.lang}" style="width:100%;font-size:8pt;color:#52606d;` +
      `padding:0 14mm;display:flex;justify-content:space-between;` +
      `font-family:'DejaVu Sans','Noto Sans Arabic','Noto Sans CJK JP',sans-serif">` +
      `<span>${number}</span><span>${sentence}</span></div>`
    );
  }
}

/** The .hbs file is not compiled: found from the source tree, `dist/`, or the image's /app. */
function findTemplate(start: string, file: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'templates', file), join(dir, ...TEMPLATES_PATH, file)])
      if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`templates/${file} not found above ${start}`);
  }
}
