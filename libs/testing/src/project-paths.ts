import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The checkout's root, found from any file under it: tests run from source (jest) while what they
 * spawn — the apps, the CLIs — runs from the compiled tree, so paths are never counted in `../`.
 */
export const PROJECT_ROOT = findRoot(__dirname);

/** The compiled tree `npm test` builds: `dist/apps/<app>/src/main.js`, `dist/tools/…`. */
export const DIST_DIR = join(PROJECT_ROOT, 'dist');

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}
