import { Injectable } from '@nestjs/common';
import type { I18nResolver } from 'nestjs-i18n';

/**
 * Portico never takes a language from the request: each page and each PDF names its language
 * (the customer's, from `resolveLocale`). nestjs-i18n wants at least one resolver and logs "No
 * resolvers provided" at every boot without one; this one says "the request decides nothing", so
 * its per-request interceptor keeps the fallback and the services name the locale themselves.
 */
@Injectable()
export class ExplicitLocaleOnlyResolver implements I18nResolver {
  resolve(): undefined {
    return undefined;
  }
}
