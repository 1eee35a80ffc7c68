import { z } from 'zod';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/** Integer from an environment string, with bounds that name the variable when violated. */
export const intFromEnv = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const amqpUrl = z
  .string()
  .default('amqp://guest:guest@127.0.0.1:5672')
  .refine((v) => /^amqps?:\/\//.test(v), 'must start with amqp:// or amqps://');

const mongoUri = z
  .string()
  .default('mongodb://127.0.0.1:27017')
  .refine((v) => /^mongodb(\+srv)?:\/\//.test(v), 'must start with mongodb:// or mongodb+srv://');

/** Names may only use characters that are safe in queue, exchange and database names. */
const namespace = z
  .string()
  .default('')
  .refine((v) => /^[a-z0-9_.-]*$/i.test(v), 'may only contain letters, digits, ".", "_" and "-"');

/** Environment shared by every app: how to reach the broker and how to behave on it. */
export const messagingEnv = {
  NODE_ENV: z.enum(NODE_ENVS).default('development'),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  /** `json` (one object per line, with correlation_id) is the default in production. */
  LOG_FORMAT: z.enum(['json', 'text']).optional(),
  AMQP_URL: amqpUrl,
  /**
   * Credentials kept apart from AMQP_URL (e.g. from the RabbitMQ operator's Secret): they replace
   * the URL's, percent-encoded, so a generated password with `@`, `/` or `:` cannot break it.
   */
  AMQP_USERNAME: z.string().min(1).optional(),
  AMQP_PASSWORD: z.string().min(1).optional(),
  AMQP_NAMESPACE: namespace,
  /**
   * Broker users that may publish events for any organization (comma-separated: the gateway's and
   * the services' users). When set, every event on billing.events must carry a `user_id`: one of
   * these, or `publisher.<organization_id>` for its own organization only.
   */
  TRUSTED_EVENT_PUBLISHERS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  AMQP_PREFETCH: intFromEnv(32, 1, 10_000),
  AMQP_QUEUE_TYPE: z.enum(['classic', 'quorum']).default('classic'),
  AMQP_RETRY_DELAY_MS: intFromEnv(5_000, 0, 3_600_000),
  AMQP_MAX_ATTEMPTS: intFromEnv(5, 1, 100),
  RPC_TIMEOUT_MS: intFromEnv(5_000, 100, 120_000),
  SHUTDOWN_TIMEOUT_MS: intFromEnv(10_000, 0, 600_000),
};

/** Environment of a service that owns a MongoDB database. */
export const databaseEnv = (defaultDatabase: string) => ({
  MONGODB_URI: mongoUri,
  MONGODB_DATABASE: z
    .string()
    .default(defaultDatabase)
    .refine((v) => /^[a-z0-9_-]{1,63}$/i.test(v), 'must be 1-63 letters, digits, "_" or "-"'),
});

/**
 * A service's ops listener (`/metrics`, `/health`, `/health/ready`). Off by default (0): several
 * instances on one host (tests, bare metal) would fight over a fixed port. deploy/k8s sets 9464.
 */
export const opsEnv = {
  METRICS_PORT: intFromEnv(0, 0, 65_535),
  METRICS_HOST: z.string().min(1).default('0.0.0.0'),
};

export function opsConfigFrom(env: { METRICS_PORT: number; METRICS_HOST: string }) {
  return { port: env.METRICS_PORT, host: env.METRICS_HOST };
}

/** How an app logs: a threshold and a format (JSON by default in production). */
export function loggingConfigFrom(env: {
  NODE_ENV: string;
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  LOG_FORMAT?: 'json' | 'text';
}) {
  return {
    level: env.LOG_LEVEL,
    format: env.LOG_FORMAT ?? (env.NODE_ENV === 'production' ? 'json' : 'text'),
  } as const;
}
