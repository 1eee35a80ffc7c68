import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { log, ProvisionError } from './log.mjs';

export function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

let updated = false;

/** Installs Debian packages when we are root on Debian; otherwise says exactly what to run. */
export function aptInstall(packages, why) {
  const canInstall =
    process.getuid?.() === 0 && existsSync('/etc/debian_version') && commandExists('apt-get');
  if (!canInstall) {
    throw new ProvisionError(
      `${why} is missing and cannot be installed automatically (needs root on Debian).\n` +
        `  Install it yourself: sudo apt-get install -y ${packages.join(' ')}`,
    );
  }
  log.step(`installing ${packages.join(', ')} with apt-get (${why}); this happens once`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    if (!updated) {
      execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
      updated = true;
    }
    execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env,
    });
  } catch (error) {
    throw new ProvisionError(`apt-get install ${packages.join(' ')} failed: ${error.message}`);
  }
}
