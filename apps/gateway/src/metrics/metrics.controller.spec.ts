import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { startInProcessGateway, type InProcessGateway } from '../../test/in-process-gateway';

describe('GET /metrics (in process)', () => {
  let gateway: InProcessGateway;
  beforeAll(async () => {
    gateway = await startInProcessGateway();
  });
  afterAll(async () => gateway.close());

  test('Prometheus text, never cached; requests counted by route pattern, not by path', async () => {
    await gateway.app.inject({ method: 'GET', url: '/customer-portal/secret-token-in-path' });
    const response = await gateway.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.match(response.body, /^portico_http_request_duration_seconds_count\{/m);
    assert.match(response.body, /route="\/customer-portal\/:token"/);
    assert.ok(!response.body.includes('secret-token-in-path'), 'no token in a label');
  });
});
