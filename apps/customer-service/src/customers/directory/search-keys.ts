import type { CustomerView } from '@portico/contracts';

/** Letters and digits in any script make words; everything else separates them. */
const SEPARATORS = /[^\p{L}\p{N}]+/u;

export const normalize = (text: string) => text.normalize('NFKC').toLowerCase();

export const wordsOf = (text: string) => normalize(text).split(SEPARATORS).filter(Boolean);

/**
 * What a customer is found by: its name, external id and email, whole and word by word,
 * lower-cased. A search matches the start of one of them.
 */
export function searchKeysOf(customer: Pick<CustomerView, 'name' | 'external_id' | 'email'>) {
  const keys = new Set<string>();
  for (const field of [customer.name, customer.external_id, customer.email]) {
    if (!field) continue;
    keys.add(normalize(field));
    for (const word of wordsOf(field)) keys.add(word);
  }
  return [...keys];
}

/**
 * A search as the console types it, taken as text (never a pattern): it matches a customer when
 * the whole of it begins one of the customer's fields, or each of its words begins one of the
 * customer's words ("north bak" finds "Northwind Bakery").
 */
export class CustomerQuery {
  readonly whole: string;
  readonly words: string[];

  constructor(text: string) {
    this.whole = normalize(text.trim());
    this.words = wordsOf(text);
  }

  matches(keys: readonly string[]): boolean {
    if (keys.some((key) => key.startsWith(this.whole))) return true;
    return (
      this.words.length > 0 && this.words.every((word) => keys.some((key) => key.startsWith(word)))
    );
  }
}
