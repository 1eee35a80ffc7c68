import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Files that are read at run time but not compiled (templates, assets) are found from wherever
 * the module runs: the source tree, `dist/` in the repository, or `/app/dist` in the image. Each
 * candidate is a path relative to a directory on the way up from `start`.
 */
export function findUp(start: string, ...candidates: string[][]): string {
  for (let dir = start; ; dir = dirname(dir)) {
    for (const candidate of candidates) {
      const path = join(dir, ...candidate);
      if (existsSync(path)) return path;
    }
    if (dirname(dir) === dir)
      throw new Error(`none of ${candidates.map((c) => c.join('/')).join(', ')} above ${start}`);
  }
}
