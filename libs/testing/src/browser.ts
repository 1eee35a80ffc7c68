import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { createRequire } from 'node:module';

/** The system Chromium, headless, with nothing phoning home (same flags as the PDF renderer). */
export function launchBrowser(executablePath: string): Promise<Browser> {
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const AXE_SOURCE = createRequire(__filename).resolve('axe-core/axe.min.js');

/**
 * axe-core's serious and critical violations on a page. The page must have been opened with
 * `page.setBypassCSP(true)` first: the portal's CSP (rightly) refuses injected scripts.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    // Runs in the page, where axe is a global; this file is compiled without DOM types.
    const axe = (
      globalThis as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } }
    ).axe;
    return (await axe.run()).violations as AxeViolation[];
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
}
