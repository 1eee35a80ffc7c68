import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { log, ProvisionError } from './log.mjs';
import { projectRoot } from './paths.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** `npm ci` when node_modules is missing or older than the lock file; quiet otherwise. */
export function ensureDependencies() {
  const lock = join(projectRoot, 'package-lock.json');
  const installed = join(projectRoot, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log.step('installing npm dependencies (npm ci)');
  try {
    execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: projectRoot,
      stdio: 'inherit',
    });
  } catch {
    throw new ProvisionError('npm ci failed (see above)');
  }
}

export function build() {
  log.step('building (tsc)');
  try {
    execFileSync(npm, ['run', '--silent', 'build'], { cwd: projectRoot, stdio: 'inherit' });
  } catch {
    throw new ProvisionError('the TypeScript build failed (see above)');
  }
}
