import { Injectable } from '@nestjs/common';

/** Customers whose locale a gateway remembers, least recently seen dropped first. */
const REMEMBERED_LOCALES = 10_000;

/**
 * The locale of each session's customer as last verified, by organization and customer: when
 * customer-service is away, the 503 page is still in the customer's language. Only ever read
 * for a token whose signature verified, and it holds nothing but a locale tag. A provider of its
 * own, so that every module guarding portal routes (portal pages, PDFs) shares one memory.
 */
@Injectable()
export class PortalLocaleHints {
  private readonly locales = new Map<string, string>();

  get(key: string): string | undefined {
    return this.locales.get(key);
  }

  remember(key: string, locale: string): void {
    this.locales.delete(key);
    this.locales.set(key, locale);
    if (this.locales.size > REMEMBERED_LOCALES) {
      this.locales.delete(this.locales.keys().next().value!);
    }
  }
}
