import {
  databaseEnv,
  loggingConfigFrom,
  messagingConfigFrom,
  messagingEnv,
  opsConfigFrom,
  opsEnv,
  parseConfig,
} from '@portico/config';
import { z } from 'zod';

const schema = z.object({ ...messagingEnv, ...opsEnv, ...databaseEnv('portico_customers') });

export interface CustomerServiceConfig {
  env: z.output<typeof schema>['NODE_ENV'];
  logLevel: z.output<typeof schema>['LOG_LEVEL'];
  logging: ReturnType<typeof loggingConfigFrom>;
  messaging: ReturnType<typeof messagingConfigFrom>;
  ops: ReturnType<typeof opsConfigFrom>;
  database: { uri: string; database: string };
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
  };
}
