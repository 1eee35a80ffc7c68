import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Per-checkout runtime state: data, logs and the PIDs of what we started. */
export const runDir = (scope) => join(projectRoot, '.run', scope);

/** Shared across checkouts so a fresh clone does not rebuild FerretDB. */
export const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'portico');
