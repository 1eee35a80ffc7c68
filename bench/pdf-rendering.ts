// Invoice PDFs: warm renders/s and p95 for a one-page and a five-page invoice through Portico's
// renderer (one warm Chromium, a pool of pages), against two baselines measured in the same run:
// the bare-puppeteer floor (one warm browser, one reused page per core, setContent + pdf()) and a
// naive integration (a browser launched per PDF). Then the cached download through the gateway,
// with the three apps running as `npm start` runs them: PDFs held by the gateway
// (PDF_GATEWAY_CACHE_MB) against the same gateway without them (bytes through the broker).
//   npm run bench:pdf   (RENDERS=300 NAIVE_RENDERS=20 CONNECTIONS=1,10 DURATION=10 PARTS=render,cached)
import 'reflect-metadata';
import { InvoiceCreated } from '@portico/contracts';
import { billingEvent, BrokerAdmin, pdfPageCount, waitFor } from '@portico/testing';
import { availableParallelism } from 'node:os';
import puppeteer from 'puppeteer-core';
import { PdfRenderer, type PdfDocument } from '../apps/invoice-service/src/pdf/pdf-renderer';
import { BenchRun } from './bench-record';
import { startBenchStack } from './bench-stack';
import { load as httpLoad, type Measured } from './http-load';
import { documentFor, invoice, measure, pdfTemplate } from './pdf-documents';

const RENDERS = Number(process.env.RENDERS ?? 300);
const NAIVE_RENDERS = Number(process.env.NAIVE_RENDERS ?? 20);
const CONNECTIONS = (process.env.CONNECTIONS ?? '1,10').split(',').map(Number);
const PARTS = (process.env.PARTS ?? 'render,cached').split(',');
const TARGET = { perSecond: 45, p95: 60, cachedP95: 15 };
const DURATION = Number(process.env.DURATION ?? 10);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const POOL = availableParallelism();

async function naiveRender(document: PdfDocument): Promise<Buffer> {
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(document.html, { waitUntil: 'load' });
    return Buffer.from(
      await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<div></div>',
        footerTemplate: document.footerTemplate,
        margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
      }),
    );
  } finally {
    await browser.close();
  }
}

/** The floor: what bare puppeteer does on one warm browser with one reused page per core. */
async function floorRenderer(document: PdfDocument) {
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const idle = await Promise.all(Array.from({ length: POOL }, () => browser.newPage()));
  const render = async () => {
    const page = idle.pop()!;
    try {
      await page.setContent(document.html, { waitUntil: 'load' });
      return Buffer.from(
        await page.pdf({
          format: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<div></div>',
          footerTemplate: document.footerTemplate,
          margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
        }),
      );
    } finally {
      idle.push(page);
    }
  };
  return { render, close: () => browser.close() };
}

const line = (name: string, m: { perSecond: number; p50: number; p95: number }) =>
  console.log(
    `  ${name.padEnd(44)} ${m.perSecond.toFixed(1).padStart(6)} PDFs/s  p50 ${m.p50.toFixed(0)} ms  p95 ${m.p95.toFixed(0)} ms`,
  );

async function renderers(run: BenchRun): Promise<void> {
  const { template, close } = await pdfTemplate();
  const onePage = documentFor(template, 8, 'fr');
  const fivePages = documentFor(template, 120, 'fr');
  const renderer = new PdfRenderer({
    chromiumPath: CHROMIUM,
    concurrency: POOL,
    queueLimit: 1_000,
    renderTimeoutMs: 30_000,
  });
  try {
    await renderer.warmUp();
    const pages = [
      pdfPageCount(await renderer.render(onePage)),
      pdfPageCount(await renderer.render(fivePages)),
    ];
    console.log(
      `rendering: pool of ${POOL} pages, ${RENDERS} warm renders (${NAIVE_RENDERS} for the baseline), ${POOL} at a time; invoices of ${pages[0]} and ${pages[1]} pages (fr)`,
    );
    await measure(20, POOL, () => renderer.render(onePage)); // warm-up
    const floor = await floorRenderer(onePage);
    let floorOne;
    try {
      await measure(20, POOL, floor.render); // warm-up
      floorOne = await measure(RENDERS, POOL, floor.render);
    } finally {
      await floor.close();
    }
    const one = await measure(RENDERS, POOL, () => renderer.render(onePage));
    const five = await measure(Math.ceil(RENDERS / 3), POOL, () => renderer.render(fivePages));
    const naiveOne = await measure(NAIVE_RENDERS, POOL, () => naiveRender(onePage));
    line(`bare-puppeteer floor, ${pages[0]} page`, floorOne);
    line(`portico, ${pages[0]} page`, one);
    line(`portico, ${pages[1]} pages`, five);
    line(`naive (browser per PDF), ${pages[0]} page`, naiveOne);
    run.record({
      figure: '1-page PDFs/s',
      value: one.perSecond,
      unit: 'PDFs/s',
      baseline: { name: 'bare-puppeteer floor', value: floorOne.perSecond, unit: 'PDFs/s' },
      ratio: one.perSecond / floorOne.perSecond,
      target: `≥ ${TARGET.perSecond}/s`,
      met: one.perSecond >= TARGET.perSecond,
    });
    run.record({
      figure: '1-page PDF p95',
      value: one.p95,
      unit: 'ms',
      baseline: { name: 'bare-puppeteer floor', value: floorOne.p95, unit: 'ms' },
      ratio: one.p95 / floorOne.p95,
      target: `≤ ${TARGET.p95} ms`,
      met: one.p95 <= TARGET.p95,
    });
    run.record({
      figure: `${pages[1]}-page PDFs/s`,
      value: five.perSecond,
      unit: 'PDFs/s',
    });
    run.record({
      figure: '1-page PDFs/s vs naive',
      value: one.perSecond,
      unit: 'PDFs/s',
      baseline: { name: 'browser per PDF', value: naiveOne.perSecond, unit: 'PDFs/s' },
      ratio: one.perSecond / naiveOne.perSecond,
    });
  } finally {
    await renderer.close(10_000);
    await close();
  }
}

const load = (base: string, connections: number, paths: string[]) =>
  httpLoad(base, {}, paths, { connections, duration: DURATION });

/** What the gateway processes hold: resident memory and PDF cache bytes, summed over workers. */
async function gatewayMemory(opsUrl: string): Promise<{ rss: number; pdfBytes: number }> {
  const text = await (await fetch(`${opsUrl}/metrics`)).text();
  const value = (name: string) =>
    Number(
      text
        .split('\n')
        .find((l) => l.startsWith(`${name} `))
        ?.split(' ')[1] ?? NaN,
    );
  return {
    rss: value('process_resident_memory_bytes'),
    pdfBytes: value('portico_gateway_pdf_cache_bytes'),
  };
}

async function cachedDownloads(run: BenchRun): Promise<void> {
  const { namespace, adminToken, base, gatewayOps, apps, ready, restartGateway } =
    await startBenchStack({
      env: { CHROMIUM_PATH: CHROMIUM },
    });
  const broker = await BrokerAdmin.connect(process.env.AMQP_URL!);
  try {
    await ready();
    const created = (await (
      await fetch(`${base}/admin/v1/organizations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bench Org', default_document_locale: 'fr' }),
      })
    ).json()) as { organization: { id: string }; api_key: string };
    const headers = {
      authorization: `Bearer ${created.api_key}`,
      'content-type': 'application/json',
    };
    await fetch(`${base}/api/v1/customers`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ customer: { external_id: 'cus_bench', name: 'Jane Doe' } }),
    });
    const ids = Array.from({ length: 20 }, (_, i) => `up_bench_cached_${i}`);
    for (const id of ids) {
      await broker.publishRaw(
        `${namespace}billing.events`,
        'invoice.created',
        JSON.stringify(
          billingEvent(
            InvoiceCreated,
            created.organization.id,
            { ...invoice(8), id, number: `INV-${id}` },
            { id: `evt_${id}` },
          ),
        ),
      );
    }
    const portal = (await (
      await fetch(`${base}/api/v1/customers/cus_bench/portal_url`, { headers })
    ).json()) as { customer: { portal_url: string } };
    const token = portal.customer.portal_url.split('/customer-portal/')[1]!;
    const paths = ids.map((id) => `/customer-portal/${token}/invoices/${id}/pdf`);
    for (const path of paths) {
      await waitFor(`a cached ${path}`, async () => {
        const response = await fetch(`${base}${path}`);
        await response.arrayBuffer();
        return response.headers.get('x-portico-pdf-cache') === 'hit';
      });
    }
    console.log(
      `cached download through the gateway: ${DURATION} s per run, ${paths.length} invoices, gateway workers ${process.env.GATEWAY_WORKERS ?? 'auto'}`,
    );
    const show = (name: string, connections: number, m: Measured) =>
      console.log(
        `  ${name.padEnd(46)} ${String(connections).padStart(2)} conn  ${m.requestsPerSecond.toFixed(0).padStart(5)} req/s  p50 ${m.p50.toFixed(1)} ms  p95 ${m.p95.toFixed(1)} ms  errors ${m.errors + m.non2xx}`,
      );
    const held = new Map<number, Measured>();
    const before = await gatewayMemory(gatewayOps);
    for (const connections of CONNECTIONS) {
      // Baseline in the same run: the portal page itself, the session check every portal
      // request pays, without the PDF part.
      show(
        'GET /customer-portal/:token (baseline)',
        connections,
        await load(base, connections, [`/customer-portal/${token}`]),
      );
      const m = await load(base, connections, paths);
      show('GET …/pdf, held by the gateway', connections, m);
      held.set(connections, m);
    }
    const after = await gatewayMemory(gatewayOps);
    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
    console.log(
      `  gateway memory: RSS ${mib(before.rss)} → ${mib(after.rss)} MiB; PDFs held ${mib(after.pdfBytes)} MiB (${paths.length} PDFs, bounded by PDF_GATEWAY_CACHE_MB per worker)`,
    );
    // The same downloads with the gateway holding nothing: every PDF through the broker, base64.
    await restartGateway({ PDF_GATEWAY_CACHE_MB: '0' });
    const unheld = new Map<number, Measured>();
    for (const connections of CONNECTIONS) {
      await load(base, connections, paths.slice(0, 2)); // the new gateway's session cache
      const m = await load(base, connections, paths);
      show('GET …/pdf, bytes through the broker', connections, m);
      unheld.set(connections, m);
    }
    for (const connections of CONNECTIONS) {
      const ours = held.get(connections)!;
      const theirs = unheld.get(connections)!;
      run.record({
        figure: `cached PDF download p95, ${connections} connection(s)`,
        value: ours.p95,
        unit: 'ms',
        baseline: { name: 'bytes through the broker', value: theirs.p95, unit: 'ms' },
        ratio: ours.p95 / theirs.p95,
        target: `≤ ${TARGET.cachedP95} ms`,
        met: ours.p95 <= TARGET.cachedP95 && ours.errors + ours.non2xx === 0,
      });
    }
    run.record({
      figure: 'gateway PDF cache, bytes held',
      value: after.pdfBytes / 2 ** 20,
      unit: 'MiB',
    });
    run.record({
      figure: 'gateway RSS after cached downloads',
      value: after.rss / 2 ** 20,
      unit: 'MiB',
    });
  } finally {
    await broker.close();
    await Promise.all(apps.map((a) => a.stop()));
  }
}

async function main(): Promise<void> {
  const run = BenchRun.start('pdf', {
    renders: RENDERS,
    naive_renders: NAIVE_RENDERS,
    pool: POOL,
    connections: CONNECTIONS.join(','),
    duration_s: DURATION,
    chromium: CHROMIUM,
  });
  if (PARTS.includes('render')) await renderers(run);
  if (PARTS.includes('cached')) await cachedDownloads(run);
  await run.finish();
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
