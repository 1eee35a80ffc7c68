import {
  intFromEnv,
  loggingConfigFrom,
  messagingConfigFrom,
  messagingEnv,
  parseConfig,
} from '@portico/config';
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
    PORT: intFromEnv(3000, 0, 65_535),
    HOST: z.string().default('0.0.0.0'),
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .default('http://localhost:3000')
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
    /** Requests per window per API key on /api/v1 (0 = no limit); per gateway instance. */
    RATE_LIMIT_API: intFromEnv(600, 0, 1_000_000),
    /** Requests per window per portal token on /customer-portal (0 = no limit); per instance. */
    RATE_LIMIT_PORTAL: intFromEnv(300, 0, 1_000_000),
    RATE_LIMIT_WINDOW_MS: intFromEnv(60_000, 1_000, 3_600_000),
    /**
     * Gateway processes on this machine sharing the port (node:cluster); `auto` = one per core
     * Node may use. One Node process tops out at one core, and the gateway is CPU-bound.
     */
    GATEWAY_WORKERS: z
      .union([z.literal('auto'), z.coerce.number().int().min(1).max(256)])
      .default('auto'),
    /** Recently downloaded PDFs kept by each gateway process, in MiB (0 = off). */
    PDF_GATEWAY_CACHE_MB: intFromEnv(32, 0, 4_096),
  })
  .superRefine((env, ctx) => {
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
  portalJwtSecret: string;
  adminToken: string;
  bodyLimitBytes: number;
  trustProxy: boolean;
  pdfRpcTimeoutMs: number;
  /** How long an operator's invoice `file_url` works. */
  invoiceFileUrlTtlSeconds: number;
  rateLimits: { api: number; portal: number; windowMs: number };
  /** 1 = no cluster: this process serves HTTP itself. */
  workers: number;
  /** Bytes of recently downloaded PDFs each gateway process keeps (0 = none). */
  pdfCacheBytes: number;
  messaging: ReturnType<typeof messagingConfigFrom> & { publishTimeoutMs: number };
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
    portalJwtSecret: parsed.PORTAL_JWT_SECRET,
    adminToken: parsed.PORTICO_ADMIN_TOKEN,
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES,
    trustProxy: parsed.TRUST_PROXY === 'true',
    pdfRpcTimeoutMs: parsed.PDF_RPC_TIMEOUT_MS,
    invoiceFileUrlTtlSeconds: parsed.PDF_URL_TTL_SECONDS,
    rateLimits: {
      api: parsed.RATE_LIMIT_API,
      portal: parsed.RATE_LIMIT_PORTAL,
      windowMs: parsed.RATE_LIMIT_WINDOW_MS,
    },
    workers: parsed.GATEWAY_WORKERS === 'auto' ? availableParallelism() : parsed.GATEWAY_WORKERS,
    pdfCacheBytes: parsed.PDF_GATEWAY_CACHE_MB * 1_048_576,
    messaging: {
      ...messagingConfigFrom(parsed, 'gateway'),
      publishTimeoutMs: parsed.PUBLISH_TIMEOUT_MS,
    },
  };
}
