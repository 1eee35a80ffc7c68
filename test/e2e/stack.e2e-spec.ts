import { AppProcess, PorticoStack, freePort, testEnvironment } from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

/** The three apps as separate processes on the real broker and database, as `npm start` runs them. */
describe('the whole stack', () => {
  let stack: PorticoStack;
  let gatewayUrl: string;

  beforeAll(async () => {
    stack = await PorticoStack.start({ RPC_TIMEOUT_MS: '3000' });
    gatewayUrl = stack.url;
  });

  afterAll(async () => stack?.stop());

  test('liveness answers without asking anyone', async () => {
    const response = await fetch(`${gatewayUrl}/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  test('readiness reports the broker, each service and its database', async () => {
    const response = await fetch(`${gatewayUrl}/health/ready`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as {
      status: string;
      details: Record<string, { status: string; dependencies?: unknown }>;
    };
    assert.equal(body.status, 'ok');
    assert.equal(body.details.broker?.status, 'up');
    for (const service of ['customer-service', 'invoice-service']) {
      assert.equal(body.details[service]?.status, 'up', service);
      assert.deepEqual(body.details[service]?.dependencies, { database: { status: 'up' } });
    }
  });

  test('no library warns at start or on the first writes (mongoose options, nestjs-i18n)', async () => {
    const { apiKey, id } = await stack.createOrganization();
    // findOneAndUpdate paths: a customer upsert and an organization update.
    const upsert = await stack.request('POST', '/api/v1/customers', {
      token: apiKey,
      body: { customer: { external_id: 'warn_check' } },
    });
    assert.equal(upsert.status, 200);
    const update = await stack.admin('PUT', `/admin/v1/organizations/${id}`, { name: 'Renamed' });
    assert.equal(update.status, 200);
    for (const name of ['gateway', 'customer-service', 'invoice-service'] as const) {
      const logs = stack.app(name).logs;
      assert.ok(!logs.includes('[MONGOOSE] Warning'), `${name}: ${logs}`);
      assert.ok(!logs.includes('No resolvers provided'), `${name}: ${logs}`);
    }
  });

  test('an unknown route gets the API error shape', async () => {
    const response = await fetch(`${gatewayUrl}/nope`);
    assert.equal(response.status, 404);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.status, 404);
    assert.equal(body.error, 'Not Found');
    assert.equal(body.code, 'route_not_found');
  });

  test('a service stopped with SIGTERM exits cleanly, and readiness turns 503 naming it', async () => {
    assert.equal(await stack.app('invoice-service').stop(), 0, stack.app('invoice-service').logs);
    const started = Date.now();
    const response = await fetch(`${gatewayUrl}/health/ready`);
    assert.equal(response.status, 503);
    assert.ok(
      Date.now() - started < 2_000,
      'a stopped service is detected without waiting for a timeout',
    );
    const body = (await response.json()) as {
      status: string;
      details: Record<string, { status: string; message?: string }>;
    };
    assert.equal(body.status, 'error');
    assert.equal(body.details['invoice-service']?.status, 'down');
    assert.match(body.details['invoice-service']?.message ?? '', /no instance is serving/);
    assert.equal(body.details['customer-service']?.status, 'up');
  });

  test('the gateway exits cleanly on SIGTERM', async () => {
    assert.equal(await stack.app('gateway').stop(), 0, stack.app('gateway').logs);
  });
});

describe('configuration at boot', () => {
  test('production refuses to start with a development secret, and says which', async () => {
    const gateway = AppProcess.start('gateway', {
      NODE_ENV: 'production',
      AMQP_URL: testEnvironment.amqpUrl,
      PORT: String(await freePort()),
      PORTICO_ADMIN_TOKEN: 'x'.repeat(40),
    });
    const { code } = await gateway.exited;
    assert.equal(code, 1);
    assert.match(gateway.logs, /PORTAL_JWT_SECRET: is the development default/);
    assert.doesNotMatch(
      gateway.logs,
      /PORTICO_ADMIN_TOKEN/,
      'only the offending variable is named',
    );
  });

  test('a service with an invalid variable refuses to start and names it', async () => {
    const service = AppProcess.start('invoice-service', {
      NODE_ENV: 'test',
      AMQP_PREFETCH: 'lots',
    });
    const { code } = await service.exited;
    assert.equal(code, 1);
    assert.match(service.logs, /invoice-service: invalid configuration/);
    assert.match(service.logs, /AMQP_PREFETCH: /);
  });
});
