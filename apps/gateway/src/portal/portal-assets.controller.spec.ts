import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { startInProcessGateway, type InProcessGateway } from '../../test/in-process-gateway';

describe('GET /portal-assets/:name (in process)', () => {
  let gateway: InProcessGateway;
  beforeAll(async () => {
    gateway = await startInProcessGateway();
  });
  afterAll(async () => gateway.close());

  test('the portal stylesheet: immutable, same-origin only', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/portal-assets/portal.css' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/css/);
    assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(response.headers['cross-origin-resource-policy'], 'same-origin');
  });

  test('no file outside the known assets, however the name is spelt', async () => {
    for (const name of ['nothing.css', '..%2F..%2Fpackage.json', '%2E%2E%2Fportal.module.ts']) {
      const response = await gateway.app.inject({ method: 'GET', url: `/portal-assets/${name}` });
      assert.equal(response.statusCode, 404, name);
      assert.ok(!response.body.includes('"dependencies"'), name);
    }
  });
});
