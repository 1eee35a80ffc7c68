import { AppProcess, freePort, uniqueNamespace } from '@portico/testing';
import { randomBytes } from 'node:crypto';

/**
 * The three apps as separate production processes on the provisioned broker and database, for
 * benchmarks that go through HTTP. Rate limits are off: the load generator is one client with
 * one key/token, and per-client limits would measure the limiter (429s), not the path.
 */
export async function startBenchStack(
  options: { publicUrl?: string; env?: Record<string, string> } = {},
) {
  const namespace = uniqueNamespace();
  const suffix = randomBytes(3).toString('hex');
  const adminToken = randomBytes(24).toString('hex');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const common = {
    NODE_ENV: 'production',
    RATE_LIMIT_API: '0',
    RATE_LIMIT_PORTAL: '0',
    RATE_LIMIT_ADMIN: '0',
    RATE_LIMIT_WEBHOOKS: '0',
    RATE_LIMIT_FILES: '0',
    RATE_LIMIT_PER_ADDRESS: '0',
    LOG_LEVEL: 'warn',
    AMQP_URL: process.env.AMQP_URL!,
    AMQP_NAMESPACE: namespace,
    MONGODB_URI: process.env.MONGODB_URI!,
    ...options.env,
  };
  const apps = [
    AppProcess.start('customer-service', {
      ...common,
      MONGODB_DATABASE: `bench_customers_${suffix}`,
    }),
    AppProcess.start('invoice-service', {
      ...common,
      MONGODB_DATABASE: `bench_invoices_${suffix}`,
    }),
    AppProcess.start('gateway', {
      ...common,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL:
        options.publicUrl === 'self' ? base : (options.publicUrl ?? 'https://portal.example.com'),
      PORTAL_JWT_SECRET: randomBytes(32).toString('hex'),
      PORTICO_ADMIN_TOKEN: adminToken,
    }),
  ];
  return { namespace, adminToken, base, apps };
}
