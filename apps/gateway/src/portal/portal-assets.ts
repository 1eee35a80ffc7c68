import { findUp } from '@portico/runtime';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ASSETS_PATH = ['apps', 'gateway', 'src', 'portal', 'assets'];
const CONTENT_TYPES: Record<string, string> = {
  'portal.css': 'text/css; charset=utf-8',
  'portal.js': 'text/javascript; charset=utf-8',
};

export interface PortalAsset {
  body: Buffer;
  contentType: string;
}

/** The page's stylesheet and script, read once; `version` changes with their content. */
export class PortalAssets {
  readonly version: string;
  private readonly files = new Map<string, PortalAsset>();

  constructor() {
    const dir = findUp(__dirname, ['assets', 'portal.css'], [...ASSETS_PATH, 'portal.css']);
    const hash = createHash('sha256');
    for (const [name, contentType] of Object.entries(CONTENT_TYPES)) {
      const body = readFileSync(join(dir, '..', name));
      hash.update(body);
      this.files.set(name, { body, contentType });
    }
    this.version = hash.digest('base64url').slice(0, 10);
  }

  get(name: string): PortalAsset | undefined {
    return this.files.get(name);
  }
}
