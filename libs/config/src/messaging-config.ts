import type { z } from 'zod';
import type { messagingEnv } from './common-env';

type MessagingEnv = z.output<z.ZodObject<typeof messagingEnv>>;

/** The broker settings every app derives the same way from its environment. */
export function messagingConfigFrom(env: MessagingEnv, appName: string) {
  return {
    url: withCredentials(env.AMQP_URL, env.AMQP_USERNAME, env.AMQP_PASSWORD),
    namespace: env.AMQP_NAMESPACE,
    appName,
    prefetch: env.AMQP_PREFETCH,
    queueType: env.AMQP_QUEUE_TYPE,
    retryDelayMs: env.AMQP_RETRY_DELAY_MS,
    maxAttempts: env.AMQP_MAX_ATTEMPTS,
    rpcTimeoutMs: env.RPC_TIMEOUT_MS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    trustedPublishers: env.TRUSTED_EVENT_PUBLISHERS,
  };
}

/** `amqp://host:5672` + user + password → `amqp://user:password@host:5672`, both percent-encoded. */
export function withCredentials(url: string, username?: string, password?: string): string {
  if (username === undefined && password === undefined) return url;
  const parsed = new URL(url);
  if (username !== undefined) parsed.username = encodeURIComponent(username);
  if (password !== undefined) parsed.password = encodeURIComponent(password);
  return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
}
