import { existsSync } from 'node:fs';
import { aptInstall } from './apt.mjs';
import { log, ProvisionError } from './log.mjs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** CHROMIUM_PATH → Debian's chromium (installed when missing). Returns the executable's path. */
export function ensureChromium() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured))
      throw new ProvisionError(`CHROMIUM_PATH=${configured} does not exist`);
    return configured;
  }
  if (!existsSync(DEBIAN_CHROMIUM))
    aptInstall(['chromium', 'poppler-utils'], 'Chromium (for PDFs and browser tests)');
  log.ok(`Chromium: ${DEBIAN_CHROMIUM}`);
  return DEBIAN_CHROMIUM;
}
