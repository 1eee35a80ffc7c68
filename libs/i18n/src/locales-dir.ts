import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The translation files (`<locale>/<namespace>.json`, the layout nestjs-i18n's JSON loader reads).
 * They are not compiled, so the directory is found from wherever this module runs: the source
 * tree, `dist/` in the repository, or `/app/dist` in the image (which copies `libs/i18n/locales`).
 */
export const I18N_LOCALES_DIR = findLocalesDir(__dirname);

function findLocalesDir(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    for (const candidate of [
      join(dir, 'locales', 'en'),
      join(dir, 'libs', 'i18n', 'locales', 'en'),
    ])
      if (existsSync(candidate)) return dirname(candidate);
    if (dirname(dir) === dir) throw new Error(`libs/i18n/locales not found above ${start}`);
  }
}
