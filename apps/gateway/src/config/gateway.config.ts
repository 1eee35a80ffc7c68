import {
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

/** Well-known development values; production refuses to boot with any of them. */
export const DEVELOPMENT_SECRETS = {
  PORTAL_JWT_SECRET: 'portico-development-portal-secret-do-not-use-in-production',
  PORTICO_ADMIN_TOKEN: 'portico-development-admin-token',
} as const;

const MIN_SECRET_LENGTH = 32;

const schema = z
  .object({
    ...messagingEnv,
    ...opsEnv,
    PORT: intFromEnv(3000, 0, 65_535),
    HOST: z.string().default('0.0.0.0'),
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .default('http://localhost:3000')
      .transform((v) => v.replace(/\/+$/, '')),
    /** Where the operator console answers: set-password links point there. */
    CONSOLE_PUBLIC_URL: z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .default('http://localhost:4100')
      .transform((v) => v.replace(/\/+$/, '')),
    PORTAL_JWT_SECRET: z.string().default(DEVELOPMENT_SECRETS.PORTAL_JWT_SECRET),
    PORTICO_ADMIN_TOKEN: z.string().default(DEVELOPMENT_SECRETS.PORTICO_ADMIN_TOKEN),
    BODY_LIMIT_BYTES: intFromEnv(1_048_576, 1_024, 104_857_600),
    /** How long an HTTP ingress waits for the broker's confirm before answering 503. */
    PUBLISH_TIMEOUT_MS: intFromEnv(10_000, 100, 120_000),
    /** Behind a load balancer: take the client address from X-Forwarded-For. */
    TRUST_PROXY: z.enum(['true', 'false']).default('false'),
    /** PDFs may wait for Chromium behind other renders: longer than other RPCs. */
    PDF_RPC_TIMEOUT_MS: intFromEnv(30_000, 100, 300_000),
    PDF_URL_TTL_SECONDS: intFromEnv(300, 10, 86_400),
    /** Requests per window per API key on /api/v1 (0 = no limit). */
    RATE_LIMIT_API: intFromEnv(600, 0, 1_000_000),
    /** Requests per window per portal session on /customer-portal (0 = no limit). */
    RATE_LIMIT_PORTAL: intFromEnv(300, 0, 1_000_000),
    /** Requests per window with the admin token on /admin (0 = no limit). */
    RATE_LIMIT_ADMIN: intFromEnv(120, 0, 1_000_000),
    /** Verified webhook deliveries per window per organization on /webhooks (0 = no limit). */
    RATE_LIMIT_WEBHOOKS: intFromEnv(1_200, 0, 1_000_000),
    /** Downloads per window per organization on /invoice-files (0 = no limit). */
    RATE_LIMIT_FILES: intFromEnv(300, 0, 1_000_000),
    /** Requests per window per client address on every route, a flood guard (0 = no limit). */
    RATE_LIMIT_PER_ADDRESS: intFromEnv(6_000, 0, 10_000_000),
    /** Failed authentications per window per client address, every credential (0 = no limit). */
    RATE_LIMIT_AUTH_FAILURES: intFromEnv(30, 0, 1_000_000),
    RATE_LIMIT_WINDOW_MS: intFromEnv(60_000, 1_000, 3_600_000),
    /**
     * `memory`: per gateway process — each GATEWAY_WORKERS worker counts alone, so a limit is
     * multiplied by the workers; `redis`: one count shared by every gateway process (Redis/Valkey).
     */
    RATE_LIMIT_STORE: z.enum(['memory', 'redis']).default('memory'),
    RATE_LIMIT_REDIS_URL: z
      .string()
      .refine((v) => /^rediss?:\/\//.test(v), 'must start with redis:// or rediss://')
      .optional(),
    /** Longest time to receive a whole request (headers and body); a slower client is cut off. */
    REQUEST_TIMEOUT_MS: intFromEnv(30_000, 1_000, 600_000),
    /**
     * A socket with no traffic for this long is closed — also while its request waits for an
     * answer, so it must exceed PDF_RPC_TIMEOUT_MS (a PDF may take that long).
     */
    CONNECTION_TIMEOUT_MS: intFromEnv(65_000, 1_000, 600_000),
    /** Deepest nesting a JSON body may have (arrays and objects). */
    JSON_MAX_DEPTH: intFromEnv(32, 4, 1_000),
    /** How long an HMAC-signed Lago delivery counts as a replay of one with the same body. */
    WEBHOOK_REPLAY_WINDOW_MS: intFromEnv(24 * 60 * 60_000, 60_000, 7 * 24 * 60 * 60_000),
    /** When set, /metrics answers only `Authorization: Bearer <METRICS_TOKEN>`. */
    METRICS_TOKEN: z.string().min(16).optional(),
    /**
     * Gateway processes on this machine sharing the port (node:cluster); `auto` = one per core
     * Node may use. One Node process tops out at one core, and the gateway is CPU-bound.
     */
    GATEWAY_WORKERS: z
      .union([z.literal('auto'), z.coerce.number().int().min(1).max(256)])
      .default('auto'),
    /** Recently downloaded PDFs kept by each gateway process, in MiB (0 = off). */
    PDF_GATEWAY_CACHE_MB: intFromEnv(32, 0, 4_096),
    /**
     * How long a held PDF the invoice-service confirmed current is served without asking again
     * (change announcements end it sooner; 0 = ask on every download).
     */
    PDF_GATEWAY_CONFIRM_SECONDS: intFromEnv(60, 0, 3_600),
    ...outboundEnv,
    /** How long a customer's current usage read from Lago's API is shown before asking again. */
    LAGO_USAGE_CACHE_SECONDS: intFromEnv(60, 0, 3_600),
    /** Longest wait for Lago's current usage; past it the portal shows the last snapshot. */
    LAGO_USAGE_TIMEOUT_MS: intFromEnv(2_000, 100, 30_000),
    /** Plain http to Lago's API (an in-cluster Lago); default: outside production only. */
    LAGO_API_ALLOW_HTTP: z.enum(['true', 'false']).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.RATE_LIMIT_STORE === 'redis' && !env.RATE_LIMIT_REDIS_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['RATE_LIMIT_REDIS_URL'],
        message: 'is required when RATE_LIMIT_STORE=redis',
      });
    }
    if (env.CONNECTION_TIMEOUT_MS <= env.PDF_RPC_TIMEOUT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['CONNECTION_TIMEOUT_MS'],
        message: `must exceed PDF_RPC_TIMEOUT_MS (${env.PDF_RPC_TIMEOUT_MS}): a PDF download may wait that long`,
      });
    }
    if (env.NODE_ENV !== 'production') return;
    for (const name of Object.keys(DEVELOPMENT_SECRETS) as (keyof typeof DEVELOPMENT_SECRETS)[]) {
      if (env[name] === DEVELOPMENT_SECRETS[name]) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'is the development default; set a secret of your own in production',
        });
      } else if (/change-?me/i.test(env[name])) {
        // deploy/k8s/overlays/example ships such placeholders; copying it as is must not boot.
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'is a placeholder; generate a secret (openssl rand -hex 32)',
        });
      } else if (env[name].length < MIN_SECRET_LENGTH) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `must be at least ${MIN_SECRET_LENGTH} characters in production`,
        });
      }
    }
  });

export interface GatewayConfig {
  env: z.output<typeof schema>['NODE_ENV'];
  logLevel: z.output<typeof schema>['LOG_LEVEL'];
  logging: ReturnType<typeof loggingConfigFrom>;
  port: number;
  host: string;
  publicUrl: string;
  consolePublicUrl: string;
  portalJwtSecret: string;
  adminToken: string;
  bodyLimitBytes: number;
  trustProxy: boolean;
  pdfRpcTimeoutMs: number;
  /** How long an operator's invoice `file_url` works. */
  invoiceFileUrlTtlSeconds: number;
  rateLimits: RateLimitConfig;
  requestTimeoutMs: number;
  connectionTimeoutMs: number;
  jsonMaxDepth: number;
  webhookReplayWindowMs: number;
  /** Undefined: /metrics is open on this listener (keep it off the public network). */
  metricsToken?: string;
  /** METRICS_PORT: when set, /metrics lives on this ops listener only, off the public port. */
  ops: ReturnType<typeof opsConfigFrom>;
  /** 1 = no cluster: this process serves HTTP itself. */
  workers: number;
  /** Bytes of recently downloaded PDFs each gateway process keeps (0 = none). */
  pdfCacheBytes: number;
  /** How long a confirmed-current held PDF is served without asking (0 = always ask). */
  pdfConfirmMs: number;
  messaging: ReturnType<typeof messagingConfigFrom> & { publishTimeoutMs: number };
  lagoUsage: LagoUsageConfig;
}

/** Reading customers' current usage from their organization's Lago API. */
export interface LagoUsageConfig {
  cacheMs: number;
  timeoutMs: number;
  allowHttp: boolean;
  /** Internal hosts a Lago API may be on (OUTBOUND_ALLOWED_HOSTS); public ones always. */
  allowList: AllowList;
}

export interface RateLimitConfig {
  /** Requests per window for each authenticated principal, per route family (0 = no limit). */
  api: number;
  portal: number;
  admin: number;
  webhooks: number;
  files: number;
  /** Failed authentications per window per client address (0 = no limit). */
  authFailures: number;
  /** Every request per window per client address, before anything else (0 = no limit). */
  perAddress: number;
  windowMs: number;
  /** Undefined: counts live in this gateway's memory. */
  redisUrl?: string;
}

/** Injection token; the interface of the same name is its type. */
export const GatewayConfig = Symbol('GatewayConfig');

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = parseConfig('gateway', schema, env);
  return {
    env: parsed.NODE_ENV,
    logLevel: parsed.LOG_LEVEL,
    logging: loggingConfigFrom(parsed),
    port: parsed.PORT,
    host: parsed.HOST,
    publicUrl: parsed.PUBLIC_URL,
    consolePublicUrl: parsed.CONSOLE_PUBLIC_URL,
    portalJwtSecret: parsed.PORTAL_JWT_SECRET,
    adminToken: parsed.PORTICO_ADMIN_TOKEN,
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES,
    trustProxy: parsed.TRUST_PROXY === 'true',
    pdfRpcTimeoutMs: parsed.PDF_RPC_TIMEOUT_MS,
    invoiceFileUrlTtlSeconds: parsed.PDF_URL_TTL_SECONDS,
    rateLimits: {
      api: parsed.RATE_LIMIT_API,
      portal: parsed.RATE_LIMIT_PORTAL,
      admin: parsed.RATE_LIMIT_ADMIN,
      webhooks: parsed.RATE_LIMIT_WEBHOOKS,
      files: parsed.RATE_LIMIT_FILES,
      authFailures: parsed.RATE_LIMIT_AUTH_FAILURES,
      perAddress: parsed.RATE_LIMIT_PER_ADDRESS,
      windowMs: parsed.RATE_LIMIT_WINDOW_MS,
      redisUrl: parsed.RATE_LIMIT_STORE === 'redis' ? parsed.RATE_LIMIT_REDIS_URL : undefined,
    },
    requestTimeoutMs: parsed.REQUEST_TIMEOUT_MS,
    connectionTimeoutMs: parsed.CONNECTION_TIMEOUT_MS,
    jsonMaxDepth: parsed.JSON_MAX_DEPTH,
    webhookReplayWindowMs: parsed.WEBHOOK_REPLAY_WINDOW_MS,
    metricsToken: parsed.METRICS_TOKEN,
    ops: opsConfigFrom(parsed),
    workers: parsed.GATEWAY_WORKERS === 'auto' ? availableParallelism() : parsed.GATEWAY_WORKERS,
    pdfCacheBytes: parsed.PDF_GATEWAY_CACHE_MB * 1_048_576,
    pdfConfirmMs: parsed.PDF_GATEWAY_CONFIRM_SECONDS * 1_000,
    messaging: {
      ...messagingConfigFrom(parsed, 'gateway'),
      publishTimeoutMs: parsed.PUBLISH_TIMEOUT_MS,
    },
    lagoUsage: {
      cacheMs: parsed.LAGO_USAGE_CACHE_SECONDS * 1_000,
      timeoutMs: parsed.LAGO_USAGE_TIMEOUT_MS,
      allowHttp: parsed.LAGO_API_ALLOW_HTTP
        ? parsed.LAGO_API_ALLOW_HTTP === 'true'
        : parsed.NODE_ENV !== 'production',
      allowList: parsed.OUTBOUND_ALLOWED_HOSTS,
    },
  };
}
