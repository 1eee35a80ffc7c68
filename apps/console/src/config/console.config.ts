import {
  intFromEnv,
  loggingConfigFrom,
  messagingConfigFrom,
  messagingEnv,
  parseConfig,
} from '@portico/config';
import { z } from 'zod';

/** Well-known development values; production refuses to boot with any of them. */
export const CONSOLE_DEVELOPMENT_SECRETS = {
  PORTAL_JWT_SECRET: 'portico-development-portal-secret-do-not-use-in-production',
  CONSOLE_SECRET: 'portico-development-console-secret-do-not-use-in-production',
} as const;

const MIN_SECRET_LENGTH = 32;
const url = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .transform((v) => v.replace(/\/+$/, ''));

const schema = z
  .object({
    ...messagingEnv,
    PORT: intFromEnv(4100, 0, 65_535),
    HOST: z.string().default('0.0.0.0'),
    /** Where the console itself is reached: https here makes the session cookie Secure. */
    CONSOLE_PUBLIC_URL: url.default('http://localhost:4100'),
    /** The gateway's PUBLIC_URL: portal links the console mints point there. */
    PORTAL_PUBLIC_URL: url.default('http://localhost:3000'),
    /** The gateway's PORTAL_JWT_SECRET: the console mints the same portal tokens. */
    PORTAL_JWT_SECRET: z.string().default(CONSOLE_DEVELOPMENT_SECRETS.PORTAL_JWT_SECRET),
    /** Keys the login form's CSRF token (before there is a session to hold one). */
    CONSOLE_SECRET: z.string().default(CONSOLE_DEVELOPMENT_SECRETS.CONSOLE_SECRET),
    CONSOLE_SESSION_IDLE_MINUTES: intFromEnv(30, 1, 1_440),
    CONSOLE_SESSION_LIFETIME_HOURS: intFromEnv(12, 1, 720),
    /** Failed logins per account, and per client address, before back-off starts. */
    CONSOLE_LOGIN_ACCOUNT_ATTEMPTS: intFromEnv(5, 1, 1_000),
    CONSOLE_LOGIN_ADDRESS_ATTEMPTS: intFromEnv(20, 1, 100_000),
    TRUST_PROXY: z.enum(['true', 'false']).default('false'),
    PDF_RPC_TIMEOUT_MS: intFromEnv(30_000, 100, 300_000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    const names = Object.keys(
      CONSOLE_DEVELOPMENT_SECRETS,
    ) as (keyof typeof CONSOLE_DEVELOPMENT_SECRETS)[];
    for (const name of names) {
      if (env[name] === CONSOLE_DEVELOPMENT_SECRETS[name] || /change-?me/i.test(env[name])) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'is a development default or placeholder; generate one (openssl rand -hex 32)',
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

export interface ConsoleConfig {
  env: z.output<typeof schema>['NODE_ENV'];
  logging: ReturnType<typeof loggingConfigFrom>;
  port: number;
  host: string;
  publicUrl: string;
  portalPublicUrl: string;
  portalJwtSecret: string;
  consoleSecret: string;
  /** Secure cookies: whenever the console is served over https (and always in production). */
  secureCookies: boolean;
  session: { idleTimeoutSeconds: number; lifetimeSeconds: number };
  loginLimits: { perAccount: number; perAddress: number };
  trustProxy: boolean;
  pdfRpcTimeoutMs: number;
  messaging: ReturnType<typeof messagingConfigFrom>;
}

/** Injection token; the interface of the same name is its type. */
export const ConsoleConfig = Symbol('ConsoleConfig');

export function loadConsoleConfig(env: NodeJS.ProcessEnv = process.env): ConsoleConfig {
  const parsed = parseConfig('console', schema, env);
  return {
    env: parsed.NODE_ENV,
    logging: loggingConfigFrom(parsed),
    port: parsed.PORT,
    host: parsed.HOST,
    publicUrl: parsed.CONSOLE_PUBLIC_URL,
    portalPublicUrl: parsed.PORTAL_PUBLIC_URL,
    portalJwtSecret: parsed.PORTAL_JWT_SECRET,
    consoleSecret: parsed.CONSOLE_SECRET,
    secureCookies:
      parsed.NODE_ENV === 'production' || parsed.CONSOLE_PUBLIC_URL.startsWith('https://'),
    session: {
      idleTimeoutSeconds: parsed.CONSOLE_SESSION_IDLE_MINUTES * 60,
      lifetimeSeconds: parsed.CONSOLE_SESSION_LIFETIME_HOURS * 3_600,
    },
    loginLimits: {
      perAccount: parsed.CONSOLE_LOGIN_ACCOUNT_ATTEMPTS,
      perAddress: parsed.CONSOLE_LOGIN_ADDRESS_ATTEMPTS,
    },
    trustProxy: parsed.TRUST_PROXY === 'true',
    pdfRpcTimeoutMs: parsed.PDF_RPC_TIMEOUT_MS,
    messaging: messagingConfigFrom(parsed, 'console'),
  };
}
