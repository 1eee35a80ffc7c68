import { messagingEnv, parseConfig } from '@portico/config';
import { z } from 'zod';

const schema = z.object({
  AMQP_URL: messagingEnv.AMQP_URL,
  AMQP_NAMESPACE: messagingEnv.AMQP_NAMESPACE,
});

export interface DlqConfig {
  amqpUrl: string;
  namespace: string;
}

/** The same broker settings the apps read, so the command finds the queues they declared. */
export function loadDlqConfig(env: NodeJS.ProcessEnv = process.env): DlqConfig {
  const parsed = parseConfig('dlq', schema, env);
  return { amqpUrl: parsed.AMQP_URL, namespace: parsed.AMQP_NAMESPACE };
}
