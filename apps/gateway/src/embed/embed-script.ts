import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const SOURCE_PATH = ['apps', 'gateway', 'src', 'embed', 'embed.js'];

/** embed.js is served as written (not compiled): found beside this file or above it in the tree. */
export function readEmbedScript(start = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'embed.js'), join(dir, ...SOURCE_PATH)])
      if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
    if (dirname(dir) === dir) throw new Error(`embed.js not found above ${start}`);
  }
}
