import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Locale, UpstreamInvoice } from '@portico/contracts';
import { porticoI18nOptions } from '@portico/i18n';
import { upstreamInvoice } from '@portico/testing';
import { I18nModule, I18nService } from 'nestjs-i18n';
import { storedInvoice } from '../apps/invoice-service/test/stored-invoices';
import { InvoicePdfTemplate } from '../apps/invoice-service/src/pdf/invoice-pdf-template';
import { invoicePdfView } from '../apps/invoice-service/src/pdf/invoice-pdf-view';
import type { PdfDocument } from '../apps/invoice-service/src/pdf/pdf-renderer';

/** Invoices, the real PDF template and timing helpers shared by the PDF benchmarks. */
export function invoice(fees: number): UpstreamInvoice {
  return upstreamInvoice({
    id: `up_bench_${fees}`,
    external_customer_id: 'cus_bench',
    number: `INV-BENCH-${fees}`,
    issuing_date: '2026-11-01',
    payment_due_date: '2026-11-30',
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
  });
}

export function documentFor(
  template: InvoicePdfTemplate,
  fees: number,
  locale: Locale,
): PdfDocument {
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
    invoicePdfView(storedInvoice(invoice(fees), 'org_bench'), locale, customer, organization),
  );
}

export function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

/** `total` renders, `concurrency` at a time; renders/s over the whole run and each one's latency. */
export async function measure(total: number, concurrency: number, render: () => Promise<unknown>) {
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

/** The invoice template with the real translations (nestjs-i18n, as the invoice-service has it). */
export async function pdfTemplate(): Promise<{
  template: InvoicePdfTemplate;
  close: () => Promise<void>;
}> {
  @Module({ imports: [I18nModule.forRoot(porticoI18nOptions())] })
  class I18nOnly {}
  const context = await NestFactory.createApplicationContext(I18nOnly, { logger: false });
  const i18n = context.get<I18nService<Record<string, unknown>>>(I18nService);
  const template = new InvoicePdfTemplate(
    (key, lang, args) => i18n.t(key, { lang, args }) as string,
  );
  return { template, close: () => context.close() };
}
