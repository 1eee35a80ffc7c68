import {
  databaseEnv,
  intFromEnv,
  messagingConfigFrom,
  messagingEnv,
  parseConfig,
} from '@portico/config';
import { z } from 'zod';

const schema = z.object({
  ...messagingEnv,
  // Invoice events are written in batches of what is in flight: a deeper prefetch, bigger batches.
  AMQP_PREFETCH: intFromEnv(256, 1, 10_000),
  ...databaseEnv('portico_invoices'),
  // Customers' invoice lists held in memory (about 1 KB per invoice), and how long at most.
  INVOICE_CACHE_MAX_INVOICES: intFromEnv(200_000, 0, 100_000_000),
  INVOICE_CACHE_MAX_AGE_MS: intFromEnv(300_000, 0, 86_400_000),
});

export interface InvoiceServiceConfig {
  env: z.output<typeof schema>['NODE_ENV'];
  logLevel: z.output<typeof schema>['LOG_LEVEL'];
  messaging: ReturnType<typeof messagingConfigFrom>;
  database: { uri: string; database: string };
  invoiceCache: { maxInvoices: number; maxAgeMs: number };
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
    messaging: messagingConfigFrom(parsed, 'invoice-service'),
    database: { uri: parsed.MONGODB_URI, database: parsed.MONGODB_DATABASE },
    invoiceCache: {
      maxInvoices: parsed.INVOICE_CACHE_MAX_INVOICES,
      maxAgeMs: parsed.INVOICE_CACHE_MAX_AGE_MS,
    },
  };
}
