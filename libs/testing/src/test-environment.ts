import { randomBytes } from 'node:crypto';

/**
 * What `npm test` provisioned, read from the variables it sets. Tests never fall back to the
 * default ports of a stack a developer may have running.
 */
export const testEnvironment = {
  get amqpUrl(): string {
    return required('PORTICO_TEST_AMQP_URL');
  },
  get mongoUri(): string {
    return required('PORTICO_TEST_MONGODB_URI');
  },
  /** The browser `npm test` provisioned (CHROMIUM_PATH or Debian's chromium). */
  get chromiumPath(): string {
    return required('PORTICO_TEST_CHROMIUM');
  },
  /** The Redis `npm test` started for rate-limit tests (files named *rate-limit*). */
  get redisUrl(): string {
    return required('PORTICO_TEST_REDIS_URL');
  },
  /** rabbitmqctl for the test run's broker, when `npm test` started it (else undefined). */
  get brokerCtl(): { ctl: string; node: string; env: Record<string, string> } | undefined {
    const raw = process.env.PORTICO_TEST_BROKER_CTL;
    return raw
      ? (JSON.parse(raw) as { ctl: string; node: string; env: Record<string, string> })
      : undefined;
  },
  /** A broker node this test run may restart, or undefined when none could be started. */
  get restartableBroker(): RestartableBroker | undefined {
    const raw = process.env.PORTICO_TEST_RESTARTABLE_BROKER;
    return raw ? (JSON.parse(raw) as RestartableBroker) : undefined;
  },
};

export interface RestartableBroker {
  url: string;
  node: string;
  ctl: string;
  env: Record<string, string>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run integration tests through \`npm test\``);
  return value;
}

/** A prefix no other test, run or stack uses: `t1a2b3c4d.` */
export function uniqueNamespace(): string {
  return `t${randomBytes(4).toString('hex')}.`;
}

export function uniqueDatabaseName(label: string): string {
  return `test_${label}_${randomBytes(4).toString('hex')}`.replace(/[^a-z0-9_]/gi, '_');
}
