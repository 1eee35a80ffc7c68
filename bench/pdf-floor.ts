// Can a PDF cost less than today's floor? The bare-puppeteer floor (one warm browser, one reused
// page per core, setContent + pdf()) against variants of it, alternated in the same run:
// Chromium switches, page.pdf options, CDP's printToPDF returning base64 in one message, and
// several invoices printed in one call. Every variant prints the same one-page French invoice
// from the real template, and its output is checked (pages, text) so a faster wrong PDF shows.
//   npm run bench:pdf-floor        (RENDERS=150 ROUNDS=2 VARIANTS=all|name,name)
import 'reflect-metadata';
import { pdfPageCount, pdfText } from '@portico/testing';
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { PdfDocument } from '../apps/invoice-service/src/pdf/pdf-renderer';
import { BenchRun } from './bench-record';
import { documentFor, measure, pdfTemplate } from './pdf-documents';

const RENDERS = Number(process.env.RENDERS ?? 150);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const POOL = availableParallelism();
const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run'];

interface Variant {
  name: string;
  args?: string[];
  /** One PDF of `document` on `page`. */
  print?: (page: Page, document: PdfDocument) => Promise<Buffer>;
}

const PDF_OPTIONS = (document: PdfDocument) => ({
  format: 'A4' as const,
  printBackground: true,
  displayHeaderFooter: true,
  headerTemplate: '<div></div>',
  footerTemplate: document.footerTemplate,
  margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
  timeout: 0,
});

const printWith =
  (extra: Record<string, unknown>) =>
  async (page: Page, document: PdfDocument): Promise<Buffer> => {
    await page.setContent(document.html, { waitUntil: 'load', timeout: 0 });
    return Buffer.from(await page.pdf({ ...PDF_OPTIONS(document), ...extra }));
  };

/** Page.printToPDF straight over CDP: the PDF comes back base64 in the reply, no IO.read stream. */
const printBase64 =
  (tagged: boolean) =>
  async (page: Page, document: PdfDocument): Promise<Buffer> => {
    await page.setContent(document.html, { waitUntil: 'load', timeout: 0 });
    const session = sessions.get(page) ?? (await page.createCDPSession());
    sessions.set(page, session);
    const mm = (value: number) => value / 25.4;
    const { data } = await session.send('Page.printToPDF', {
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: document.footerTemplate,
      paperWidth: 8.27,
      paperHeight: 11.7,
      marginTop: mm(16),
      marginBottom: mm(18),
      marginLeft: mm(14),
      marginRight: mm(14),
      generateTaggedPDF: tagged,
      transferMode: 'ReturnAsBase64',
    });
    return Buffer.from(data, 'base64');
  };
const sessions = new WeakMap<Page, Awaited<ReturnType<Page['createCDPSession']>>>();

const VARIANTS: Variant[] = [
  { name: 'floor (page.pdf defaults)' },
  { name: 'tagged: false', print: printWith({ tagged: false }) },
  { name: 'waitForFonts: false', print: printWith({ waitForFonts: false }) },
  {
    name: 'tagged: false + waitForFonts: false',
    print: printWith({ tagged: false, waitForFonts: false }),
  },
  { name: 'CDP printToPDF, base64 reply (Portico)', print: printBase64(true) },
  { name: 'CDP printToPDF, base64 reply, untagged', print: printBase64(false) },
  {
    name: '--single-process + CDP base64 reply',
    args: ['--single-process'],
    print: printBase64(true),
  },
  { name: '--single-process (utility services in-process)', args: ['--single-process'] },
  {
    name: '--single-process + untagged + no font wait',
    args: ['--single-process'],
    print: printWith({ tagged: false, waitForFonts: false }),
  },
  {
    name: '--disable-features=PrintCompositorLPAC,Translate,OptimizationHints',
    args: ['--disable-features=PrintCompositorLPAC,Translate,OptimizationHints'],
  },
];

/** Print-compositor utility processes running right now under this browser (`root` pid). */
function compositorPids(root: number | undefined): number[] {
  if (!root) return [];
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  const rows = out
    .split('\n')
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => !!m)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  const ours = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const row of rows) {
      if (ours.has(row.ppid) && !ours.has(row.pid)) {
        ours.add(row.pid);
        grew = true;
      }
    }
  }
  return rows
    .filter((row) => ours.has(row.pid) && /PrintCompositor/i.test(row.args))
    .map((row) => row.pid);
}

async function run(variant: Variant, document: PdfDocument) {
  const browser: Browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...BASE_ARGS, ...(variant.args ?? [])],
  });
  try {
    const pages = await Promise.all(Array.from({ length: POOL }, () => browser.newPage()));
    for (const page of pages) await page.setJavaScriptEnabled(false);
    const print = variant.print ?? printWith({});
    const idle = [...pages];
    const once = async () => {
      const page = idle.pop()!;
      try {
        return await print(page, document);
      } finally {
        idle.push(page);
      }
    };
    const sample = await once();
    const text = await pdfText(sample);
    // One page, the French labels, and the footer's page numbers filled in by Chromium.
    const correct =
      pdfPageCount(sample) === 1 && /Facture/i.test(text) && /Page 1 sur 1/.test(text);
    await measure(20, POOL, once); // warm-up
    // Sampled, so a lower bound on how many compositor processes came and went.
    const compositors = new Set<number>();
    const watcher = setInterval(() => {
      for (const pid of compositorPids(browser.process()?.pid)) compositors.add(pid);
    }, 25);
    const measured = await measure(RENDERS, POOL, once);
    clearInterval(watcher);
    return { ...measured, correct, bytes: sample.length, compositors: compositors.size, text };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const wanted = process.env.VARIANTS?.split(',');
  const variants = VARIANTS.filter(
    (v) => !wanted || wanted.includes('all') || wanted.some((w) => v.name.includes(w)),
  );
  const bench = BenchRun.start('pdf-floor', { renders: RENDERS, rounds: ROUNDS, pool: POOL });
  const { template, close } = await pdfTemplate();
  const document = documentFor(template, 8, 'fr');
  const results = new Map<string, { perSecond: number[]; p95: number[]; correct: boolean }>();
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const variant of variants) {
        const r = await run(variant, document);
        const entry = results.get(variant.name) ?? { perSecond: [], p95: [], correct: true };
        entry.perSecond.push(r.perSecond);
        entry.p95.push(r.p95);
        entry.correct &&= r.correct;
        results.set(variant.name, entry);
        console.log(
          `  round ${round}  ${variant.name.padEnd(58)} ${r.perSecond.toFixed(1).padStart(6)} PDFs/s  p50 ${r.p50.toFixed(0)} ms  p95 ${r.p95.toFixed(0)} ms  ${r.bytes} B  compositor processes seen ≥ ${r.compositors}  output ${r.correct ? 'ok' : 'WRONG'}`,
        );
        if (!r.correct) console.log(r.text.slice(0, 400));
      }
    }
  } finally {
    await close();
  }
  const best = (values: number[]) => Math.max(...values);
  const floor = results.get(VARIANTS[0]!.name);
  for (const [name, entry] of results) {
    if (!floor || name === VARIANTS[0]!.name) continue;
    const value = best(entry.perSecond);
    bench.record({
      figure: `1-page PDFs/s, ${name}${entry.correct ? '' : ' (WRONG OUTPUT)'}`,
      value,
      unit: 'PDFs/s',
      baseline: { name: 'bare-puppeteer floor', value: best(floor.perSecond), unit: 'PDFs/s' },
      ratio: value / best(floor.perSecond),
    });
  }
  await bench.finish();
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
