import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { I18N_LOCALES_DIR } from './locales-dir';

export type TranslationTree = { [key: string]: string | TranslationTree };

/** Every namespace file of a locale, as nestjs-i18n sees it: `{ portal: {...}, pdf: {...} }`. */
export function readTranslations(locale: string, dir = I18N_LOCALES_DIR): TranslationTree {
  const tree: TranslationTree = {};
  for (const file of readdirSync(join(dir, locale))
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    tree[file.slice(0, -'.json'.length)] = JSON.parse(
      readFileSync(join(dir, locale, file), 'utf8'),
    ) as TranslationTree;
  }
  return tree;
}

/** `{ a: { b: 'x' } }` → `Map { 'a.b' => 'x' }`. */
export function flattenTranslations(tree: TranslationTree, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [k, v] of flattenTranslations(value, path)) flat.set(k, v);
  }
  return flat;
}

/** The `{name}` placeholders of a message, sorted. */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}
