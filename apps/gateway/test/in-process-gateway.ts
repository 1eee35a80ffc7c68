import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import {
  AuthenticateApiKey,
  DomainError,
  ErrorCode,
  type LagoInvoice,
  type RpcContract,
  type RpcInput,
  type RpcResponse,
} from '@portico/contracts';
import { AmqpConnection, EventPublisher, ServiceClient } from '@portico/messaging';
import type { LightMyRequestResponse } from 'fastify';
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { AppModule } from '../src/app.module';
import { loadGatewayConfig, type GatewayConfig } from '../src/config/gateway.config';
import { configureGateway, gatewayHttpAdapter } from '../src/create-gateway';
import { exampleInvoice } from '../src/http/openapi/api-examples';

type Answer<C extends RpcContract> = (
  request: RpcInput<C>,
) => RpcResponse<C> | Promise<RpcResponse<C>>;

/**
 * The services, as the gateway sees them: each RPC contract answers what a test says, and a call
 * nobody answers fails as an absent service does (503). Every call is recorded.
 */
export class FakeRpcClient {
  readonly calls: { contract: string; request: unknown }[] = [];
  private readonly answers = new Map<string, Answer<RpcContract>>();

  answer<C extends RpcContract>(contract: C, answer: Answer<C>): this {
    this.answers.set(contract.name, answer as unknown as Answer<RpcContract>);
    return this;
  }

  async call<C extends RpcContract>(contract: C, request: RpcInput<C>): Promise<RpcResponse<C>> {
    this.calls.push({ contract: contract.name, request });
    const answer = this.answers.get(contract.name);
    if (!answer) {
      throw new DomainError(ErrorCode.ServiceUnavailable, `no answer to ${contract.name}`);
    }
    return (await answer(request)) as RpcResponse<C>;
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  callsTo(contract: RpcContract): unknown[] {
    return this.calls.filter((c) => c.contract === contract.name).map((c) => c.request);
  }
}

/** Events the gateway would publish, kept instead of sent; `unconfirmed` plays a broker that never confirms. */
export class FakeEventPublisher {
  readonly published: { type: string; body: unknown }[] = [];
  unconfirmed?: Error;
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async publish(contract: { type: string }, event: unknown): Promise<void> {
    this.record(contract.type, event);
  }
  async publishRaw(routingKey: string, body: Buffer): Promise<void> {
    this.record(routingKey, JSON.parse(body.toString()));
  }
  private record(type: string, body: unknown): void {
    if (this.unconfirmed) throw this.unconfirmed;
    this.published.push({ type, body });
  }
}

/**
 * A connection that is up and never touches a broker: the messaging lifecycle still runs, and
 * whatever it starts registers its channel set-up here, where nothing ever calls it.
 */
class FakeConnection extends EventEmitter {
  readonly isConnected = true;
  async start(): Promise<void> {}
  async addSetup(): Promise<void> {}
  removeSetup(): void {}
  async close(): Promise<void> {}
}

export interface InProcessGateway {
  app: NestFastifyApplication;
  rpc: FakeRpcClient;
  events: FakeEventPublisher;
  config: GatewayConfig;
  /** A request as an API client sends it: `Authorization: Bearer <key>` and a JSON body. */
  api(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    options?: { key?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** customer-service's API-key check: each key given belongs to its organization, no other is known. */
export function answerApiKeys(rpc: FakeRpcClient, keys: Record<string, string>): void {
  const byHash = new Map(
    Object.entries(keys).map(([key, org]) => [createHash('sha256').update(key).digest('hex'), org]),
  );
  rpc.answer(AuthenticateApiKey, ({ key_sha256 }) => {
    const organization_id = byHash.get(key_sha256);
    if (!organization_id) throw new DomainError(ErrorCode.Unauthorized, 'unknown API key');
    return { organization_id };
  });
}

/**
 * The whole gateway in this process — its real module, guards, pipes, filters, rate limits and
 * security headers, configured exactly as `createGateway` does — with the broker side replaced
 * (`overrideProvider`). Requests go through Fastify's `inject`: no port, no broker, milliseconds.
 */
export async function startInProcessGateway(
  env: Record<string, string> = {},
): Promise<InProcessGateway> {
  const config = loadGatewayConfig({ LOG_LEVEL: 'error', ...env });
  const rpc = new FakeRpcClient();
  const events = new FakeEventPublisher();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config)] })
    .overrideProvider(ServiceClient)
    .useValue(rpc)
    .overrideProvider(EventPublisher)
    .useValue(events)
    .overrideProvider(AmqpConnection)
    .useValue(new FakeConnection())
    .compile();
  const app = await configureGateway(
    moduleRef.createNestApplication<NestFastifyApplication>(gatewayHttpAdapter(config), {
      logger: false,
    }),
    config,
  );
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const api: InProcessGateway['api'] = (method, url, options = {}) =>
    app.inject({
      method,
      url,
      headers: {
        ...(options.key && { authorization: `Bearer ${options.key}` }),
        ...(options.body !== undefined && { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body !== undefined && { payload: JSON.stringify(options.body) }),
    });
  return { app, rpc, events, config, api, close: () => app.close() };
}

/** An invoice as invoice-service answers GetInvoice: finalized, pending, one line. */
/** An invoice as the invoice-service answers it (Lago's shape), with line items. */
export function invoiceDetail(overrides: Partial<LagoInvoice> = {}): LagoInvoice {
  return {
    ...exampleInvoice,
    id: 'up_inv_1',
    lago_id: 'up_inv_1',
    number: 'INV-0001',
    external_customer_id: 'jane',
    customer: null,
    fees: exampleInvoice.fees!.slice(0, 1),
    ...overrides,
  };
}
