import type { z } from 'zod';
import type { messagingEnv } from './common-env';

type MessagingEnv = z.output<z.ZodObject<typeof messagingEnv>>;

/** The broker settings every app derives the same way from its environment. */
export function messagingConfigFrom(env: MessagingEnv, appName: string) {
  return {
    url: env.AMQP_URL,
    namespace: env.AMQP_NAMESPACE,
    appName,
    prefetch: env.AMQP_PREFETCH,
    queueType: env.AMQP_QUEUE_TYPE,
    retryDelayMs: env.AMQP_RETRY_DELAY_MS,
    maxAttempts: env.AMQP_MAX_ATTEMPTS,
    rpcTimeoutMs: env.RPC_TIMEOUT_MS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  };
}
