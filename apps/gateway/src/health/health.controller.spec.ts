import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { healthCheckRpc } from '@portico/contracts';
import assert from 'node:assert/strict';
import { startInProcessGateway, type InProcessGateway } from '../../test/in-process-gateway';

const up = (service: string) => ({
  service,
  status: 'up' as const,
  dependencies: { database: { status: 'up' as const } },
});
type Report = { status: string; details: Record<string, { status: string; message?: string }> };

describe('/health (in process)', () => {
  let gateway: InProcessGateway;
  beforeAll(async () => {
    gateway = await startInProcessGateway();
  });
  afterAll(async () => gateway.close());

  test('liveness answers without asking any service', async () => {
    const before = gateway.rpc.calls.length;
    const response = await gateway.app.inject({ method: 'GET', url: '/health' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok' });
    assert.equal(gateway.rpc.calls.length, before);
  });

  test('readiness: 503 naming the service that does not answer, and why', async () => {
    gateway.rpc.answer(healthCheckRpc('customer-service'), () => up('customer-service'));
    const response = await gateway.app.inject({ method: 'GET', url: '/health/ready' });
    assert.equal(response.statusCode, 503);
    const report = response.json<Report>();
    assert.equal(report.details.broker?.status, 'up');
    assert.equal(report.details['customer-service']?.status, 'up');
    assert.equal(report.details['invoice-service']?.status, 'down');
    assert.match(report.details['invoice-service']?.message ?? '', /no answer/);
  });

  test('readiness: 200 once every service reports its dependencies up', async () => {
    gateway.rpc.answer(healthCheckRpc('invoice-service'), () => up('invoice-service'));
    const response = await gateway.app.inject({ method: 'GET', url: '/health/ready' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json<Report>().status, 'ok');
  });
});
