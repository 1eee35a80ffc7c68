import { AppProcess, freePort, uniqueNamespace, waitFor } from '@portico/testing';
import { randomBytes } from 'node:crypto';

/**
 * The three apps as separate production processes on the provisioned broker and database, for
 * benchmarks that go through HTTP. Rate limits are off: the load generator is one client with
 * one key/token, and per-client limits would measure the limiter (429s), not the path.
 * `GATEWAY_WORKERS` from the bench's environment reaches the gateway (default: the app's own,
 * one worker per core), unless `gatewayEnv` sets it.
 */
export async function startBenchStack(
  options: {
    publicUrl?: string;
    env?: Record<string, string>;
    gatewayEnv?: Record<string, string>;
    /** Node options for the gateway, e.g. `--cpu-prof`. */
    gatewayNodeArgs?: string[];
    /** Node options for the invoice-service (the portal's list answers from it). */
    invoiceServiceNodeArgs?: string[];
  } = {},
) {
  const namespace = uniqueNamespace();
  const suffix = randomBytes(3).toString('hex');
  const adminToken = randomBytes(24).toString('hex');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // /metrics on the gateway's ops listener: summed over its workers by the cluster primary.
  const gatewayOpsPort = await freePort();
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
  const gatewayEnv = {
    ...common,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL:
      options.publicUrl === 'self' ? base : (options.publicUrl ?? 'https://portal.example.com'),
    PORTAL_JWT_SECRET: randomBytes(32).toString('hex'),
    PORTICO_ADMIN_TOKEN: adminToken,
    METRICS_PORT: String(gatewayOpsPort),
    METRICS_HOST: '127.0.0.1',
    ...(process.env.GATEWAY_WORKERS && { GATEWAY_WORKERS: process.env.GATEWAY_WORKERS }),
    ...options.gatewayEnv,
  };
  const databases = {
    customers: `bench_customers_${suffix}`,
    invoices: `bench_invoices_${suffix}`,
  };
  const startInvoiceService = () =>
    AppProcess.start(
      'invoice-service',
      { ...common, MONGODB_DATABASE: databases.invoices },
      options.invoiceServiceNodeArgs,
    );
  const apps = [
    AppProcess.start('customer-service', { ...common, MONGODB_DATABASE: databases.customers }),
    startInvoiceService(),
    AppProcess.start('gateway', gatewayEnv, options.gatewayNodeArgs),
  ];
  const ready = () =>
    waitFor('the stack to be ready', async () => (await fetch(`${base}/health/ready`)).ok, {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
  /** The gateway again, same port and secrets (tokens stay valid), with `env` on top. */
  const restartGateway = async (env: Record<string, string>) => {
    await apps[2]!.stop();
    apps[2] = AppProcess.start('gateway', { ...gatewayEnv, ...env }, options.gatewayNodeArgs);
    await ready();
  };
  /** The invoice-service again, its in-memory lists empty (what "cold" means after a deploy). */
  const restartInvoiceService = async () => {
    await apps[1]!.stop();
    apps[1] = startInvoiceService();
    await ready();
  };
  return {
    namespace,
    adminToken,
    base,
    gatewayOps: `http://127.0.0.1:${gatewayOpsPort}`,
    apps,
    ready,
    restartGateway,
    restartInvoiceService,
    databases,
  };
}
