import { Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@portico/contracts';
import puppeteer, {
  type Browser,
  type CDPSession,
  type HTTPRequest,
  type Page,
} from 'puppeteer-core';
import { RenderSlots } from './render-slots';
import { pdfMetrics } from './pdf.metrics';

export interface PdfRendererOptions {
  chromiumPath: string;
  concurrency: number;
  queueLimit: number;
  renderTimeoutMs: number;
}

export interface PdfDocument {
  /** A complete HTML document with every asset inline. */
  html: string;
  /** Chromium's print footer (its own tiny document: inline styles, `pageNumber`/`totalPages`). */
  footerTemplate: string;
}

// Headless, and quiet: no update checks, sync, GPU or first-run work in a server process.
// --no-sandbox because the service often runs as root in containers, where the sandbox cannot
// start; what the sandbox would contain (script, network) is switched off per page instead.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];

const MM_PER_INCH = 25.4;

/**
 * Chromium's Page.printToPDF, as puppeteer's `page.pdf({ format: 'A4', printBackground: true,
 * displayHeaderFooter: true, margin: 16/18/14/14 mm })` sends it (tagged for screen readers, as
 * puppeteer's default), except that the PDF comes back in the reply (base64) instead of as a
 * stream read in further IO.read/IO.close round trips. Puppeteer's font wait is not needed: the
 * template uses installed fonts only (no @font-face, no network), which layout loads itself.
 */
const PRINT_TO_PDF = {
  paperWidth: 8.27,
  paperHeight: 11.7,
  marginTop: 16 / MM_PER_INCH,
  marginBottom: 18 / MM_PER_INCH,
  marginLeft: 14 / MM_PER_INCH,
  marginRight: 14 / MM_PER_INCH,
  printBackground: true,
  displayHeaderFooter: true,
  headerTemplate: '<div></div>',
  preferCSSPageSize: false,
  generateTaggedPDF: true,
  generateDocumentOutline: false,
  transferMode: 'ReturnAsBase64',
} as const;

/** How long a hung page gets to close before the whole browser is replaced. */
const PAGE_CLOSE_GRACE_MS = 2_000;

class RenderTimeout extends Error {}

/**
 * HTML → PDF with one warm Chromium and a pool of pages. Every page has JavaScript off and every
 * network request aborted (only inline `data:` assets load), so invoice content can neither run
 * script nor make the renderer fetch a URL. Renders beyond the pool wait in a bounded line (then
 * "busy"); a render past its time limit fails with a clear error; a crashed or hung browser is
 * replaced and the renders it took down are tried once more on the new one.
 */
export class PdfRenderer {
  private readonly logger = new Logger(PdfRenderer.name);
  private readonly slots: RenderSlots;
  private browser?: Promise<Browser>;
  private idlePages: { browser: Browser; page: Page }[] = [];
  /** Each page's own DevTools session, for printToPDF. */
  private readonly sessions = new WeakMap<Page, CDPSession>();
  private closing = false;
  /** Renders that went through Chromium; tests and benchmarks read it. */
  renderCount = 0;

  constructor(private readonly options: PdfRendererOptions) {
    this.slots = new RenderSlots(options.concurrency, options.queueLimit);
  }

  /** Launches the browser and opens the pages ahead of the first render. */
  async warmUp(): Promise<void> {
    const browser = await this.currentBrowser();
    const pages = await Promise.all(
      Array.from({ length: this.options.concurrency }, () => this.openPage(browser)),
    );
    this.idlePages.push(...pages.map((page) => ({ browser, page })));
  }

  /** The process id of the current browser, if one runs (tests kill it). */
  async browserPid(): Promise<number | undefined> {
    return (await this.browser)?.process()?.pid;
  }

  async render(document: PdfDocument): Promise<Buffer> {
    if (this.closing) {
      throw new DomainError(ErrorCode.ServiceUnavailable, 'the PDF renderer is shutting down');
    }
    const done = pdfMetrics.renderSeconds.startTimer();
    await this.slots.acquire();
    try {
      let pdf: Buffer;
      try {
        pdf = await this.renderOnce(document);
      } catch (error) {
        if (!(error instanceof BrowserGone)) throw error;
        this.logger.warn(`Chromium went away during a render (${error.message}); retrying once`);
        pdf = await this.renderOnce(document);
      }
      pdfMetrics.renders.inc({ outcome: 'ok' });
      done();
      return pdf;
    } catch (error) {
      pdfMetrics.renders.inc({ outcome: 'error' });
      throw error;
    } finally {
      this.slots.release();
    }
  }

  /** Lets queued and in-flight renders finish (up to `timeoutMs`), then closes the browser. */
  async close(timeoutMs: number): Promise<void> {
    this.closing = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.slots.idle(),
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    const browser = await this.browser?.catch(() => undefined);
    this.browser = undefined;
    this.idlePages = [];
    await browser?.close().catch(() => browser.process()?.kill('SIGKILL'));
  }

  private async renderOnce(document: PdfDocument): Promise<Buffer> {
    const browser = await this.currentBrowser();
    const page = await this.takePage(browser);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RenderTimeout()), this.options.renderTimeoutMs);
    });
    try {
      const pdf = await Promise.race([this.print(page, document), timeout]);
      this.renderCount++;
      if (this.browser && browser.connected) this.idlePages.push({ browser, page });
      return pdf;
    } catch (error) {
      if (error instanceof RenderTimeout) {
        await this.discard(browser, page, 'a render timed out');
        throw new DomainError(
          ErrorCode.PdfRenderTimeout,
          `rendering the PDF took longer than ${this.options.renderTimeoutMs} ms`,
        );
      }
      if (!browser.connected) throw new BrowserGone((error as Error).message);
      void page.close().catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async print(page: Page, document: PdfDocument): Promise<Buffer> {
    await page.setContent(document.html, { waitUntil: 'load', timeout: 0 });
    let session = this.sessions.get(page);
    if (!session) {
      session = await page.createCDPSession();
      this.sessions.set(page, session);
    }
    const { data } = await session.send('Page.printToPDF', {
      ...PRINT_TO_PDF,
      footerTemplate: document.footerTemplate,
    });
    return Buffer.from(data, 'base64');
  }

  /** A page that hung is closed; if even that hangs, the browser is replaced. */
  private async discard(browser: Browser, page: Page, reason: string): Promise<void> {
    const closed = await Promise.race([
      page.close().then(
        () => true,
        () => false,
      ),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), PAGE_CLOSE_GRACE_MS)),
    ]);
    if (!closed) this.replaceBrowser(browser, `${reason} and its page did not close`);
  }

  private async takePage(browser: Browser): Promise<Page> {
    while (this.idlePages.length > 0) {
      const idle = this.idlePages.pop()!;
      if (idle.browser === browser && !idle.page.isClosed()) return idle.page;
    }
    try {
      return await this.openPage(browser);
    } catch (error) {
      if (!browser.connected) throw new BrowserGone((error as Error).message);
      throw error;
    }
  }

  private async openPage(browser: Browser): Promise<Page> {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      // Inline assets (the logo) are data: URLs; nothing may leave the machine.
      const allowed = request.url().startsWith('data:');
      void (allowed ? request.continue() : request.abort('blockedbyclient')).catch(() => undefined);
    });
    return page;
  }

  private currentBrowser(): Promise<Browser> {
    if (this.closing && !this.browser) {
      throw new DomainError(ErrorCode.ServiceUnavailable, 'the PDF renderer is shutting down');
    }
    if (!this.browser) {
      const launching = this.launch();
      this.browser = launching;
      launching.catch(() => {
        if (this.browser === launching) this.browser = undefined;
      });
    }
    return this.browser;
  }

  private async launch(): Promise<Browser> {
    const browser = await puppeteer.launch({
      executablePath: this.options.chromiumPath,
      headless: true,
      args: CHROMIUM_ARGS,
      // Over a pipe rather than a debugging port: if this process dies without shutting down
      // (SIGKILL, OOM), Chromium sees the pipe close and exits instead of living on as an orphan.
      pipe: true,
      // Shutdown is ours to run: it lets in-flight renders finish first.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    browser.on('disconnected', () => this.forget(browser, 'Chromium disconnected'));
    pdfMetrics.browserStarts.inc();
    this.logger.log(`Chromium started (pid ${browser.process()?.pid})`);
    return browser;
  }

  private replaceBrowser(browser: Browser, reason: string): void {
    this.forget(browser, reason);
    browser.process()?.kill('SIGKILL');
  }

  private forget(browser: Browser, reason: string): void {
    this.idlePages = this.idlePages.filter((idle) => idle.browser !== browser);
    void this.browser?.then((current) => {
      if (current !== browser) return;
      this.browser = undefined;
      if (!this.closing) this.logger.warn(`${reason}; the next render starts a new one`);
    });
  }
}

class BrowserGone extends Error {}
