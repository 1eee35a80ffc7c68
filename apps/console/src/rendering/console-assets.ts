import { findUp } from '@portico/runtime';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ASSETS_PATH = ['apps', 'console', 'src', 'assets'];
const CONTENT_TYPES: Record<string, string> = {
  'console.css': 'text/css; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
};

/** The console's stylesheet and script, read once; `version` changes with their content. */
export class ConsoleAssets {
  readonly version: string;
  private readonly files = new Map<string, { body: Buffer; contentType: string }>();

  constructor() {
    const dir = findUp(__dirname, ['assets', 'console.css'], [...ASSETS_PATH, 'console.css']);
    const hash = createHash('sha256');
    for (const [name, contentType] of Object.entries(CONTENT_TYPES)) {
      const body = readFileSync(join(dir, '..', name));
      hash.update(body);
      this.files.set(name, { body, contentType });
    }
    this.version = hash.digest('base64url').slice(0, 10);
  }

  get(name: string) {
    return this.files.get(name);
  }
}
