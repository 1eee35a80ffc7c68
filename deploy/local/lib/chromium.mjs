import { existsSync } from 'node:fs';
import { aptInstall } from './apt.mjs';
import { log, ProvisionError } from './log.mjs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
// PDFs are rendered in 13 languages: Arabic and CJK glyphs need these (DejaVu has neither).
const FONT_PACKAGES = [
  ['fonts-noto-core', '/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf'],
  ['fonts-noto-cjk', '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'],
];

/** CHROMIUM_PATH → Debian's chromium (installed when missing). Returns the executable's path. */
export function ensureChromium() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured))
      throw new ProvisionError(`CHROMIUM_PATH=${configured} does not exist`);
    ensureFonts();
    return configured;
  }
  if (!existsSync(DEBIAN_CHROMIUM) || !existsSync('/usr/bin/pdftotext'))
    aptInstall(['chromium', 'poppler-utils'], 'Chromium (for PDFs and browser tests)');
  ensureFonts();
  log.ok(`Chromium: ${DEBIAN_CHROMIUM}`);
  return DEBIAN_CHROMIUM;
}

function ensureFonts() {
  const missing = FONT_PACKAGES.filter(([, file]) => !existsSync(file)).map(([pkg]) => pkg);
  if (missing.length > 0) aptInstall(missing, 'fonts for Arabic and CJK PDFs');
}
