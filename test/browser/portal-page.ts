import type { Frame, Page } from 'puppeteer-core';

/** What the portal page shows, read through its stable hooks (data-* attributes, roles). */
type Surface = Page | Frame;

export const ROWS = 'table[data-testid="invoices"] tbody tr[data-invoice-id]';

export async function waitForPortal(surface: Surface): Promise<void> {
  await surface.waitForSelector('main#portico', { timeout: 15_000 });
}

export function rowIds(surface: Surface): Promise<string[]> {
  return surface.$$eval(ROWS, (rows) => rows.map((row) => row.getAttribute('data-invoice-id')!));
}

export function badges(surface: Surface): Promise<string[]> {
  return surface.$$eval(`${ROWS} [data-badge]`, (els) =>
    els.map((el) => el.getAttribute('data-badge')!),
  );
}

export function text(surface: Surface, selector: string): Promise<string> {
  return surface.$eval(selector, (el) => el.textContent ?? '');
}

export async function has(surface: Surface, selector: string): Promise<boolean> {
  return (await surface.$(selector)) !== null;
}

export function documentAttributes(surface: Surface): Promise<{ lang: string; dir: string }> {
  return surface.$eval('html', (html) => ({
    lang: html.getAttribute('lang') ?? '',
    dir: html.getAttribute('dir') ?? '',
  }));
}

/** The frame the host page mounted (the one iframe embed.js creates). */
export async function portalFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#portico-portal iframe', { timeout: 15_000 });
  const frame = await handle!.contentFrame();
  if (!frame) throw new Error('the portal iframe has no frame');
  return frame;
}

/** Follows a link inside a frame and waits for the frame's new document. */
export async function follow(frame: Frame, selector: string): Promise<void> {
  await Promise.all([frame.waitForNavigation(), frame.click(selector)]);
  await waitForPortal(frame);
}
