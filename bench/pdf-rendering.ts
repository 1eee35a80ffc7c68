import { startBenchStack } from './bench-stack';
// Invoice PDFs: warm renders/s and p95 for a one-page and a five-page invoice through Portico's
// renderer (one warm Chromium, a pool of pages), against a naive baseline measured in the same run
// (a browser launched per PDF, as a quick integration would); then the cached download through
// the gateway, with the three apps running as `npm start` runs them.
//   npm run bench:pdf   (RENDERS=300 NAIVE_RENDERS=20 CONNECTIONS=1,10 DURATION=10 PARTS=render,cached)
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Locale, UpstreamInvoice } from '@portico/contracts';
import { porticoI18nOptions } from '@portico/i18n';
import { BrokerAdmin, pdfPageCount, waitFor } from '@portico/testing';
import autocannon from 'autocannon';
import { I18nModule, I18nService } from 'nestjs-i18n';
import { availableParallelism, cpus, totalmem } from 'node:os';
import puppeteer from 'puppeteer-core';
import {
  applyChange,
  derive,
  emptyState,
} from '../apps/invoice-service/src/invoices/invoice-record';
import { InvoicePdfTemplate } from '../apps/invoice-service/src/pdf/invoice-pdf-template';
import { invoicePdfView } from '../apps/invoice-service/src/pdf/invoice-pdf-view';
import { PdfRenderer, type PdfDocument } from '../apps/invoice-service/src/pdf/pdf-renderer';

const RENDERS = Number(process.env.RENDERS ?? 300);
const NAIVE_RENDERS = Number(process.env.NAIVE_RENDERS ?? 20);
const CONNECTIONS = (process.env.CONNECTIONS ?? '1,10').split(',').map(Number);
const PARTS = (process.env.PARTS ?? 'render,cached').split(',');
const DURATION = Number(process.env.DURATION ?? 10);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const POOL = availableParallelism();

function invoice(fees: number): UpstreamInvoice {
  return {
    id: `up_bench_${fees}`,
    external_customer_id: 'cus_bench',
    number: `INV-BENCH-${fees}`,
    issuing_date: '2026-11-01',
    payment_due_date: '2026-11-30',
    status: 'finalized',
    payment_status: 'pending',
    payment_overdue: false,
    payment_dispute_lost_at: null,
    invoice_type: 'subscription',
    currency: 'EUR',
    sub_total_excluding_taxes_amount_cents: 1_234_567,
    taxes_amount_cents: 246_913,
    total_amount_cents: 1_481_480,
    total_due_amount_cents: 1_481_480,
    fees: Array.from({ length: fees }, (_, i) => ({
      description: `Usage of metric ${i + 1} (API calls, storage, seats)`,
      units: 1 + (i % 7),
      unit_amount_cents: 1_250 + i,
      amount_cents: (1 + (i % 7)) * (1_250 + i),
    })),
    updated_at: '2026-11-01T00:00:00Z',
  };
}

function documentFor(template: InvoicePdfTemplate, fees: number, locale: Locale): PdfDocument {
  const data = invoice(fees);
  const change = {
    kind: 'document' as const,
    organizationId: 'org_bench',
    upstreamId: data.id,
    externalCustomerId: data.external_customer_id,
    version: new Date(data.updated_at),
    invoice: data,
  };
  const state = emptyState(change);
  applyChange(state, change);
  const customer = {
    _id: 'c',
    organization_id: 'org_bench',
    external_id: 'cus_bench',
    name: 'Jane Doe',
    email: 'jane@example.com',
    document_locale: locale,
    deleted: false,
    updated_at: new Date(),
  };
  const organization = {
    _id: 'org_bench',
    name: 'Acme',
    display_name: 'Acme Billing GmbH',
    default_document_locale: 'en',
    brand_color: '#0a7c4a',
    logo_url: null,
    logo_data_uri: null,
    updated_at: new Date(),
  };
  return template.document(
    invoicePdfView(derive({ ...state, rev: 1 }), locale, customer, organization),
  );
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

/** `total` renders, `concurrency` at a time; renders/s over the whole run and each one's latency. */
async function measure(total: number, concurrency: number, render: () => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) {
        const t = performance.now();
        await render();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: total / seconds, ...stats(latencies) };
}

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

const line = (name: string, m: { perSecond: number; p50: number; p95: number }) =>
  console.log(
    `  ${name.padEnd(44)} ${m.perSecond.toFixed(1).padStart(6)} PDFs/s  p50 ${m.p50.toFixed(0)} ms  p95 ${m.p95.toFixed(0)} ms`,
  );

async function renderers(): Promise<void> {
  @Module({
    imports: [I18nModule.forRoot(porticoI18nOptions())],
  })
  class I18nOnly {}
  const context = await NestFactory.createApplicationContext(I18nOnly, { logger: false });
  const i18n = context.get<I18nService<Record<string, unknown>>>(I18nService);
  const template = new InvoicePdfTemplate(
    (key, lang, args) => i18n.t(key, { lang, args }) as string,
  );
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
    line(`portico, ${pages[0]} page`, await measure(RENDERS, POOL, () => renderer.render(onePage)));
    line(
      `portico, ${pages[1]} pages`,
      await measure(Math.ceil(RENDERS / 3), POOL, () => renderer.render(fivePages)),
    );
    line(
      `naive (browser per PDF), ${pages[0]} page`,
      await measure(NAIVE_RENDERS, POOL, () => naiveRender(onePage)),
    );
    line(
      `naive (browser per PDF), ${pages[1]} pages`,
      await measure(NAIVE_RENDERS, POOL, () => naiveRender(fivePages)),
    );
  } finally {
    await renderer.close(10_000);
    await context.close();
  }
}

async function load(base: string, connections: number, paths: string[]) {
  const times: number[] = [];
  let next = 0;
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: base,
        connections,
        duration: DURATION,
        requests: [
          { setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  // autocannon reports p97.5, not p95: keep every response time to compute it exactly.
  instance!.on('response', (_c: unknown, _s: number, _b: number, responseTime: number) =>
    times.push(responseTime),
  );
  const result = await finished;
  return {
    perSecond: result.requests.average,
    ...stats(times),
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function cachedDownloads(): Promise<void> {
  const { namespace, adminToken, base, apps } = await startBenchStack({
    env: { CHROMIUM_PATH: CHROMIUM },
  });
  const broker = await BrokerAdmin.connect(process.env.AMQP_URL!);
  try {
    await waitFor('the stack to be ready', async () => (await fetch(`${base}/health/ready`)).ok, {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
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
        JSON.stringify({
          id: `evt_${id}`,
          type: 'invoice.created',
          organization_id: created.organization.id,
          occurred_at: new Date().toISOString(),
          data: { ...invoice(8), id, number: `INV-${id}` },
        }),
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
      `cached download through the gateway: ${DURATION} s per run, ${paths.length} invoices`,
    );
    // Baseline in the same run: the portal page itself, i.e. the session check every portal
    // request pays (a round trip to customer-service) without the PDF part.
    const routes = [
      { name: 'GET /customer-portal/:token (baseline)', paths: [`/customer-portal/${token}`] },
      { name: 'GET …/invoices/:id/pdf (cached)', paths },
    ];
    for (const connections of CONNECTIONS) {
      for (const route of routes) {
        const m = await load(base, connections, route.paths);
        console.log(
          `  ${route.name.padEnd(40)} ${String(connections).padStart(2)} conn  ${m.perSecond.toFixed(0).padStart(5)} req/s  p50 ${m.p50.toFixed(1)} ms  p95 ${m.p95.toFixed(1)} ms  errors ${m.errors}`,
        );
      }
    }
  } finally {
    await broker.close();
    await Promise.all(apps.map((a) => a.stop()));
  }
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}; Chromium ${CHROMIUM}`,
  );
  if (PARTS.includes('render')) await renderers();
  if (PARTS.includes('cached')) await cachedDownloads();
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
