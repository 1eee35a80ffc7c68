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
import { z } from 'zod';

const HOUR_MS = 3_600_000;
/**
 * 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, 8 h, 8 h: twelve attempts over 31.7 hours,
 * so a receiver down for a whole day and night still gets every delivery.
 */
const DEFAULT_RETRY_SCHEDULE = [
  5_000,
  30_000,
  120_000,
  600_000,
  1_800_000,
  HOUR_MS,
  2 * HOUR_MS,
  4 * HOUR_MS,
  8 * HOUR_MS,
  8 * HOUR_MS,
  8 * HOUR_MS,
].join(',');

const delayList = z
  .string()
  .default(DEFAULT_RETRY_SCHEDULE)
  .transform((value, ctx) => {
    const delays = value.split(',').map((d) => Number(d.trim()));
    if (
      delays.length < 1 ||
      delays.length > 50 ||
      delays.some((d) => !Number.isInteger(d) || d < 1 || d > 7 * 24 * HOUR_MS)
    ) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be 1-50 comma-separated delays in milliseconds (1 ms to 7 days each)',
      });
      return z.NEVER;
    }
    return delays;
  });

const schema = z.object({
  ...messagingEnv,
  ...opsEnv,
  ...databaseEnv('portico_customers'),
  ...outboundEnv,
  /** A delivery attempt must get its 2xx within this. */
  WEBHOOK_TIMEOUT_MS: intFromEnv(15_000, 100, 120_000),
  /** Delay before each retry, in order; the delivery is dead-lettered after the last one. */
  WEBHOOK_RETRY_SCHEDULE_MS: delayList,
  /** Each delay is lengthened by up to this fraction, at random, so retries do not stampede. */
  WEBHOOK_RETRY_JITTER_PERCENT: intFromEnv(10, 0, 100),
  /** An endpoint failing every attempt for this long is disabled (5 days). */
  WEBHOOK_DISABLE_AFTER_MS: intFromEnv(5 * 24 * HOUR_MS, 1, 365 * 24 * HOUR_MS),
  /** Finished deliveries kept per endpoint in the delivery log (pending ones are always kept). */
  WEBHOOK_LOG_SIZE: intFromEnv(100, 1, 10_000),
  /** Deliveries in progress at once per instance. */
  WEBHOOK_CONCURRENCY: intFromEnv(16, 1, 1_000),
  /** How long the previous secret keeps signing after a rotation, unless the request says. */
  WEBHOOK_SECRET_OVERLAP_SECONDS: intFromEnv(86_400, 0, 604_800),
  /** Plain-http endpoint URLs: accepted in development only, unless set. */
  WEBHOOK_ALLOW_HTTP: z.enum(['true', 'false']).optional(),
  /** Customers the console's directory keeps in memory, all organizations together (0: none). */
  CUSTOMER_DIRECTORY_MAX_CUSTOMERS: intFromEnv(100_000, 0, 10_000_000),
});

export interface WebhooksConfig {
  timeoutMs: number;
  retryScheduleMs: number[];
  retryJitter: number;
  disableAfterMs: number;
  logSize: number;
  concurrency: number;
  secretOverlapSeconds: number;
  allowHttp: boolean;
  allowList: AllowList;
}

export interface CustomerServiceConfig {
  env: z.output<typeof schema>['NODE_ENV'];
  logLevel: z.output<typeof schema>['LOG_LEVEL'];
  logging: ReturnType<typeof loggingConfigFrom>;
  messaging: ReturnType<typeof messagingConfigFrom>;
  ops: ReturnType<typeof opsConfigFrom>;
  database: { uri: string; database: string };
  webhooks: WebhooksConfig;
  directory: { maxCustomers: number };
}

/** Injection token; the interface of the same name is its type. */
export const CustomerServiceConfig = Symbol('CustomerServiceConfig');

export function loadCustomerServiceConfig(
  env: NodeJS.ProcessEnv = process.env,
): CustomerServiceConfig {
  const parsed = parseConfig('customer-service', schema, env);
  return {
    env: parsed.NODE_ENV,
    logLevel: parsed.LOG_LEVEL,
    logging: loggingConfigFrom(parsed),
    messaging: messagingConfigFrom(parsed, 'customer-service'),
    ops: opsConfigFrom(parsed),
    database: { uri: parsed.MONGODB_URI, database: parsed.MONGODB_DATABASE },
    webhooks: {
      timeoutMs: parsed.WEBHOOK_TIMEOUT_MS,
      retryScheduleMs: parsed.WEBHOOK_RETRY_SCHEDULE_MS,
      retryJitter: parsed.WEBHOOK_RETRY_JITTER_PERCENT / 100,
      disableAfterMs: parsed.WEBHOOK_DISABLE_AFTER_MS,
      logSize: parsed.WEBHOOK_LOG_SIZE,
      concurrency: parsed.WEBHOOK_CONCURRENCY,
      secretOverlapSeconds: parsed.WEBHOOK_SECRET_OVERLAP_SECONDS,
      allowHttp: parsed.WEBHOOK_ALLOW_HTTP
        ? parsed.WEBHOOK_ALLOW_HTTP === 'true'
        : parsed.NODE_ENV === 'development',
      allowList: parsed.OUTBOUND_ALLOWED_HOSTS,
    },
    directory: { maxCustomers: parsed.CUSTOMER_DIRECTORY_MAX_CUSTOMERS },
  };
}
