import { messagingEnv, parseConfig } from '@portico/config';
import { z } from 'zod';

const schema = z.object({
  AMQP_URL: messagingEnv.AMQP_URL,
  AMQP_NAMESPACE: messagingEnv.AMQP_NAMESPACE,
  /** rabbitmqctl on PATH by default; deploy/local's node uses /usr/lib/rabbitmq/bin/rabbitmqctl. */
  RABBITMQCTL: z.string().min(1).default('rabbitmqctl'),
  /** The node to manage (`rabbitmqctl -n`); rabbitmqctl's own default when unset. */
  RABBITMQ_NODENAME: z.string().min(1).optional(),
});

export interface BrokerUsersConfig {
  amqpUrl: string;
  namespace: string;
  ctl: string;
  node?: string;
}

export function loadBrokerUsersConfig(env: NodeJS.ProcessEnv = process.env): BrokerUsersConfig {
  const parsed = parseConfig('broker-users', schema, env);
  return {
    amqpUrl: parsed.AMQP_URL,
    namespace: parsed.AMQP_NAMESPACE,
    ctl: parsed.RABBITMQCTL,
    node: parsed.RABBITMQ_NODENAME,
  };
}
