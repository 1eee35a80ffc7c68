import { I18nJsonLoader, type I18nOptions } from 'nestjs-i18n';
import { ExplicitLocaleOnlyResolver } from './explicit-locale-only.resolver';
import { I18N_LOCALES_DIR } from './locales-dir';

/**
 * nestjs-i18n as every Portico app uses it: the shared translation files, English as the fallback,
 * and no request-based resolution or middleware — each page and each PDF names its language explicitly (the
 * customer's, resolved with `resolveLocale`), never the request's.
 */
export function porticoI18nOptions(): I18nOptions {
  return {
    fallbackLanguage: 'en',
    loader: I18nJsonLoader,
    loaderOptions: { path: I18N_LOCALES_DIR, watch: false },
    resolvers: [ExplicitLocaleOnlyResolver],
    disableMiddleware: true,
    logging: false,
  };
}
