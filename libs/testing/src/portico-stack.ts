import type { EventContract } from '@portico/contracts';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { AppProcess, freePort, type AppName } from './app-process';
import { BrokerAdmin } from './broker-admin';
import { billingEvent, type EnvelopeOverrides } from './fixtures/billing-events';
import type { EventInput } from './fixtures/event-input';
import { testEnvironment, uniqueDatabaseName, uniqueNamespace } from './test-environment';
import { waitFor } from './wait-for';

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * The three apps as separate processes on the provisioned broker and database, isolated by a
 * namespace and their own databases, with the secrets known to the test (to forge tokens).
 */
export class PorticoStack {
  readonly adminToken = randomBytes(24).toString('hex');
  readonly jwtSecret = randomBytes(32).toString('hex');
  readonly consoleSecret = randomBytes(32).toString('hex');
  namespace = uniqueNamespace();
  /** Where Portico's links point; `servePublicUrl` makes it this stack's own gateway (browser tests). */
  publicUrl = 'https://portal.example.test';
  private readonly databases = {
    customers: uniqueDatabaseName('customers'),
    invoices: uniqueDatabaseName('invoices'),
  };
  private apps: AppProcess[] = [];
  private readonly envs = new Map<AppName, Record<string, string>>();
  url = '';
  /** The operator console, when started with `{ console: true }`. */
  consoleUrl = '';
  /** The broker this stack runs on: the test run's, or one passed as AMQP_URL (a restartable node). */
  amqpUrl = '';

  /**
   * `servePublicUrl`: the gateway answers on the public URL's port (browser tests). `appEnv` adds
   * variables for one app only (e.g. its database through a proxy the test cuts).
   */
  static async start(
    extraEnv: Record<string, string> = {},
    {
      servePublicUrl = false,
      appEnv = {},
      console = false,
      namespace,
    }: {
      servePublicUrl?: boolean;
      appEnv?: Partial<Record<AppName, Record<string, string>>>;
      /** Also start the operator console (its own process and port). */
      console?: boolean;
      /** A namespace chosen beforehand (e.g. to give broker users rights on it). */
      namespace?: string;
    } = {},
  ): Promise<PorticoStack> {
    const stack = new PorticoStack();
    if (namespace) stack.namespace = namespace;
    await stack.boot(extraEnv, servePublicUrl, appEnv, console);
    return stack;
  }

  private async boot(
    extraEnv: Record<string, string>,
    servePublicUrl: boolean,
    appEnv: Partial<Record<AppName, Record<string, string>>>,
    withConsole: boolean,
  ): Promise<void> {
    this.amqpUrl = extraEnv.AMQP_URL ?? testEnvironment.amqpUrl;
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const consolePort = withConsole ? await freePort() : 0;
    if (withConsole) this.consoleUrl = `http://127.0.0.1:${consolePort}`;
    if (servePublicUrl) this.publicUrl = this.url;
    const common = {
      NODE_ENV: 'test',
      AMQP_URL: testEnvironment.amqpUrl,
      AMQP_NAMESPACE: this.namespace,
      MONGODB_URI: testEnvironment.mongoUri,
      RPC_TIMEOUT_MS: '5000',
      ...extraEnv,
    };
    this.envs.set('customer-service', { ...common, MONGODB_DATABASE: this.databases.customers });
    this.envs.set('invoice-service', { ...common, MONGODB_DATABASE: this.databases.invoices });
    this.envs.set('gateway', {
      ...common,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: this.publicUrl,
      PORTAL_JWT_SECRET: this.jwtSecret,
      PORTICO_ADMIN_TOKEN: this.adminToken,
      ...(withConsole && { CONSOLE_PUBLIC_URL: this.consoleUrl }),
      // One process unless a test asks for a cluster: tests read one gateway's logs.
      GATEWAY_WORKERS: '1',
    });
    if (withConsole)
      this.envs.set('console', {
        ...common,
        PORT: String(consolePort),
        HOST: '127.0.0.1',
        CONSOLE_PUBLIC_URL: this.consoleUrl,
        PORTAL_PUBLIC_URL: this.publicUrl,
        PORTAL_JWT_SECRET: this.jwtSecret,
        CONSOLE_SECRET: this.consoleSecret,
      });
    // Settings for an app this stack does not run (the console, unless asked for) are ignored.
    for (const [name, env] of Object.entries(appEnv) as [AppName, Record<string, string>][])
      if (this.envs.has(name)) this.envs.set(name, { ...this.envs.get(name)!, ...env });
    this.apps = [...this.envs.keys()].map((name) => AppProcess.start(name, this.envs.get(name)!));
    const ready = async (url: string) => (await fetch(`${url}/health/ready`)).ok;
    await waitFor(
      'the stack to be ready',
      async () => (await ready(this.url)) && (!this.consoleUrl || (await ready(this.consoleUrl))),
      {
        timeoutMs: 60_000,
        intervalMs: 200,
      },
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}\n${this.apps.map((a) => `--- ${a.name}\n${a.logs}`).join('\n')}`,
      );
    });
  }

  /** The most recently started process of an app. */
  app(name: AppName): AppProcess {
    return this.apps.filter((a) => a.name === name).at(-1)!;
  }

  /** Starts another process of an app with the same configuration (a restart, or a second instance). */
  startApp(name: AppName): AppProcess {
    const app = AppProcess.start(name, this.envs.get(name)!);
    this.apps.push(app);
    return app;
  }

  /** Another gateway on its own port, same configuration: what a load balancer would spread over. */
  async startExtraGateway(env: Record<string, string> = {}): Promise<string> {
    const port = await freePort();
    const app = AppProcess.start('gateway', {
      ...this.envs.get('gateway')!,
      PORT: String(port),
      ...env,
    });
    this.apps.push(app);
    const url = `http://127.0.0.1:${port}`;
    // As long as the stack's own start may take: on a loaded machine a cluster of workers is slow.
    await waitFor('the extra gateway', async () => (await fetch(`${url}/health/ready`)).ok, {
      timeoutMs: 60_000,
      intervalMs: 200,
    }).catch((error: Error) => {
      throw new Error(`${error.message}\n--- extra gateway\n${app.logs}`);
    });
    return url;
  }

  /** The customer database, for assertions no API exposes (what is stored, and how). */
  async withCustomersDb<T>(work: (db: mongoose.Connection) => Promise<T>): Promise<T> {
    const db = mongoose.createConnection(testEnvironment.mongoUri, {
      dbName: this.databases.customers,
    });
    await db.asPromise();
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }

  /** Adds a console operator through the admin API; answers the one-time set-password URL. */
  async inviteOperator(
    organizationId: string,
    email: string,
    role: 'admin' | 'member' | 'viewer' = 'admin',
  ): Promise<{ operatorId: string; setPasswordUrl: string }> {
    const response = await this.admin<{ operator: { id: string }; set_password_url: string }>(
      'POST',
      `/admin/v1/organizations/${organizationId}/operators`,
      { email, role },
    );
    if (response.status !== 201)
      throw new Error(`inviting an operator: ${JSON.stringify(response.body)}`);
    return {
      operatorId: response.body.operator.id,
      setPasswordUrl: response.body.set_password_url,
    };
  }

  /** The invoice database, for assertions no API exposes (revisions, duplicates). */
  async withInvoicesDb<T>(work: (db: mongoose.Connection) => Promise<T>): Promise<T> {
    const db = mongoose.createConnection(testEnvironment.mongoUri, {
      dbName: this.databases.invoices,
    });
    await db.asPromise();
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    { token, body, raw }: { token?: string; body?: unknown; raw?: string } = {},
  ): Promise<JsonResponse<T>> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined || raw !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  admin<T = Record<string, unknown>>(method: string, path: string, body?: unknown) {
    return this.request<T>(method, path, { token: this.adminToken, body });
  }

  /** Creates an organization and returns its id and API key. */
  async createOrganization(
    settings: Record<string, unknown> = {},
  ): Promise<{ id: string; apiKey: string }> {
    const response = await this.admin<{ organization: { id: string }; api_key: string }>(
      'POST',
      '/admin/v1/organizations',
      { name: 'Test Org', ...settings },
    );
    if (response.status !== 201)
      throw new Error(`creating an organization: ${JSON.stringify(response.body)}`);
    return { id: response.body.organization.id, apiKey: response.body.api_key };
  }

  /** Publishes raw JSON to this stack's `billing.events`, as an upstream system would. */
  async publish(routingKey: string, body: unknown): Promise<void> {
    const admin = await BrokerAdmin.connect(this.amqpUrl);
    await admin.publishRaw(`${this.namespace}billing.events`, routingKey, JSON.stringify(body));
    await admin.close();
  }

  /** Publishes events at once (one connection, confirmed), each under its own `type`. */
  async publishAll(events: { type: string }[]): Promise<void> {
    const admin = await BrokerAdmin.connect(this.amqpUrl);
    try {
      await admin.publishMany(
        `${this.namespace}billing.events`,
        events.map((e) => ({ routingKey: e.type, body: JSON.stringify(e) })),
      );
    } finally {
      await admin.close();
    }
  }

  /** Publishes one event of a contract, its data typed by it; answers the envelope sent. */
  async publishEvent<C extends EventContract>(
    contract: C,
    organizationId: string,
    data: EventInput<C>,
    envelope: EnvelopeOverrides = {},
  ) {
    const event = billingEvent(contract, organizationId, data, envelope);
    await this.publish(contract.type, event);
    return event;
  }

  /**
   * Waits until an app's events queue dead-lettered something, takes every dead letter off it,
   * and answers the first one's reason (`x-portico-reason`).
   */
  async deadLetterReason(app: AppName = 'invoice-service'): Promise<string> {
    const admin = await BrokerAdmin.connect(this.amqpUrl);
    try {
      const letters = await waitFor('the dead letter', async () => {
        const drained = await admin.drain(`${this.namespace}${app}.events.dead-letter`);
        return drained.length > 0 ? drained : undefined;
      });
      return String(letters[0]!.properties.headers?.['x-portico-reason']);
    } finally {
      await admin.close();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.apps.map((app) => app.stop()));
    const db = mongoose.createConnection(testEnvironment.mongoUri);
    await db.asPromise();
    for (const name of Object.values(this.databases)) await db.useDb(name).dropDatabase();
    await db.close();
    const admin = await BrokerAdmin.connect(this.amqpUrl);
    const services = ['customer-service', 'invoice-service'];
    await admin.deleteQueues(
      services.flatMap((s) =>
        ['events', 'events.retry', 'events.dead-letter', 'rpc'].map(
          (q) => `${this.namespace}${s}.${q}`,
        ),
      ),
    );
    // The customer-service's webhook delivery queues: work, dead letters, one retry tier per step
    // of the schedule (at most 50). RabbitMQ deletes a queue that does not exist without error.
    const webhooks = `${this.namespace}customer-service.webhooks`;
    await admin.deleteQueues([
      webhooks,
      `${webhooks}.dead-letter`,
      ...Array.from({ length: 50 }, (_, i) => `${webhooks}.retry.${i + 1}`),
    ]);
    await admin.deleteExchanges([`${this.namespace}billing.events`]);
    await admin.close();
  }
}
