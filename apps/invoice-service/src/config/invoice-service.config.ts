import {
  databaseEnv,
  intFromEnv,
  loggingConfigFrom,
  messagingConfigFrom,
  messagingEnv,
  opsConfigFrom,
  opsEnv,
  parseConfig,
} from '@portico/config';
import { outboundEnv, type AllowList } from '@portico/outbound';
import { availableParallelism } from 'node:os';
import { z } from 'zod';

/** One Chromium page per core renders fastest; more pages only share the same CPUs. */
const DEFAULT_PDF_PAGES = Math.max(1, Math.min(availableParallelism(), 8));

const schema = z.object({
  ...messagingEnv,
  ...opsEnv,
  // Internal hosts a logo may be fetched from (none by default; tests allow their loopback).
  ...outboundEnv,
  // Invoice events are written in batches of what is in flight: a deeper prefetch, bigger batches.
  AMQP_PREFETCH: intFromEnv(256, 1, 10_000),
  ...databaseEnv('portico_invoices'),
  // Customers' invoice lists held in memory (about 1 KB per invoice), and how long at most.
  INVOICE_CACHE_MAX_INVOICES: intFromEnv(200_000, 0, 100_000_000),
  INVOICE_CACHE_MAX_AGE_MS: intFromEnv(300_000, 0, 86_400_000),
  INVOICE_CACHE_WARM_AFTER_WRITES: intFromEnv(1_000, 0, 100_000_000),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  PDF_CONCURRENCY: intFromEnv(DEFAULT_PDF_PAGES, 1, 64),
  PDF_QUEUE_LIMIT: intFromEnv(500, 0, 100_000),
  PDF_TIMEOUT_MS: intFromEnv(15_000, 100, 300_000),
  PDF_PRERENDER: z.enum(['true', 'false']).default('false'),
  PDF_MEMORY_CACHE_MB: intFromEnv(64, 0, 16_384),
  PDF_LOGO_MAX_BYTES: intFromEnv(262_144, 0, 5_242_880),
  PDF_LOGO_TIMEOUT_MS: intFromEnv(3_000, 100, 60_000),
  // Calls to an organization's Lago API (payment URLs, wallet top-ups): below RPC_TIMEOUT_MS, so
  // a slow Lago costs the portal a missing button, never an error page.
  LAGO_API_TIMEOUT_MS: intFromEnv(3_000, 100, 60_000),
  // Plain http to a Lago API (an in-cluster Lago, a test's fake one): default true outside
  // production, as in the gateway.
  LAGO_API_ALLOW_HTTP: z.enum(['true', 'false']).optional(),
  // Payment URLs Lago generated, kept per invoice revision; checkout links expire, so at most this.
  PAYMENT_URL_CACHE_MAX_AGE_MS: intFromEnv(3_600_000, 0, 86_400_000),
});

export interface PdfConfig {
  chromiumPath: string;
  /** Pages rendering at once in the one warm browser. */
  concurrency: number;
  /** Renders waiting for a page; beyond this a request is refused as busy. */
  queueLimit: number;
  renderTimeoutMs: number;
  /** Render each invoice's PDF as soon as invoice.created is stored. */
  prerender: boolean;
  /** Recently served PDFs kept in memory besides the database cache. */
  memoryCacheBytes: number;
  logoMaxBytes: number;
  logoTimeoutMs: number;
  /** Internal hosts logos may come from (OUTBOUND_ALLOWED_HOSTS); public ones always. */
  logoAllowList: AllowList;
}

export interface LagoApiConfig {
  timeoutMs: number;
  /** Internal hosts a Lago API may be on (OUTBOUND_ALLOWED_HOSTS); public ones always. */
  allowList: AllowList;
  /** Plain http allowed (LAGO_API_ALLOW_HTTP: a test's fake Lago). */
  allowHttp: boolean;
  paymentUrlMaxAgeMs: number;
}

export interface InvoiceServiceConfig {
  env: z.output<typeof schema>['NODE_ENV'];
  logLevel: z.output<typeof schema>['LOG_LEVEL'];
  logging: ReturnType<typeof loggingConfigFrom>;
  messaging: ReturnType<typeof messagingConfigFrom>;
  ops: ReturnType<typeof opsConfigFrom>;
  database: { uri: string; database: string };
  invoiceCache: { maxInvoices: number; maxAgeMs: number; warmAfterWrites: number };
  pdf: PdfConfig;
  lagoApi: LagoApiConfig;
}

/** Injection token; the interface of the same name is its type. */
export const InvoiceServiceConfig = Symbol('InvoiceServiceConfig');

export function loadInvoiceServiceConfig(
  env: NodeJS.ProcessEnv = process.env,
): InvoiceServiceConfig {
  const parsed = parseConfig('invoice-service', schema, env);
  return {
    env: parsed.NODE_ENV,
    logLevel: parsed.LOG_LEVEL,
    logging: loggingConfigFrom(parsed),
    messaging: messagingConfigFrom(parsed, 'invoice-service'),
    ops: opsConfigFrom(parsed),
    database: { uri: parsed.MONGODB_URI, database: parsed.MONGODB_DATABASE },
    invoiceCache: {
      maxInvoices: parsed.INVOICE_CACHE_MAX_INVOICES,
      maxAgeMs: parsed.INVOICE_CACHE_MAX_AGE_MS,
      warmAfterWrites: parsed.INVOICE_CACHE_WARM_AFTER_WRITES,
    },
    pdf: {
      chromiumPath: parsed.CHROMIUM_PATH,
      concurrency: parsed.PDF_CONCURRENCY,
      queueLimit: parsed.PDF_QUEUE_LIMIT,
      renderTimeoutMs: parsed.PDF_TIMEOUT_MS,
      prerender: parsed.PDF_PRERENDER === 'true',
      memoryCacheBytes: parsed.PDF_MEMORY_CACHE_MB * 1024 * 1024,
      logoMaxBytes: parsed.PDF_LOGO_MAX_BYTES,
      logoTimeoutMs: parsed.PDF_LOGO_TIMEOUT_MS,
      logoAllowList: parsed.OUTBOUND_ALLOWED_HOSTS,
    },
    lagoApi: {
      timeoutMs: parsed.LAGO_API_TIMEOUT_MS,
      allowList: parsed.OUTBOUND_ALLOWED_HOSTS,
      allowHttp: parsed.LAGO_API_ALLOW_HTTP
        ? parsed.LAGO_API_ALLOW_HTTP === 'true'
        : parsed.NODE_ENV !== 'production',
      paymentUrlMaxAgeMs: parsed.PAYMENT_URL_CACHE_MAX_AGE_MS,
    },
  };
}
