import { describe, test, beforeAll, afterAll } from '@jest/globals';
import { AuthenticateApiKey, LOCALES } from '@portico/contracts';
import assert from 'node:assert/strict';
import { startInProcessGateway, type InProcessGateway } from '../../../test/in-process-gateway';

describe('GET /api/v1/locales (in process)', () => {
  let gateway: InProcessGateway;
  beforeAll(async () => {
    gateway = await startInProcessGateway();
    gateway.rpc.answer(AuthenticateApiKey, () => ({ organization_id: 'org_locales' }));
  });
  afterAll(async () => gateway.close());

  test('lists every supported locale for a valid API key', async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/api/v1/locales',
      headers: { authorization: 'Bearer pk_locales' },
    });
    assert.equal(response.statusCode, 200);
    const codes = response.json<{ locales: { code: string }[] }>().locales.map((l) => l.code);
    assert.deepEqual(
      codes,
      LOCALES.map((l) => l.code),
    );
    assert.equal(gateway.rpc.callsTo(AuthenticateApiKey).length, 1);
  });

  test('without an API key: 401 in the API error shape, and no service is asked', async () => {
    const before = gateway.rpc.calls.length;
    const response = await gateway.app.inject({ method: 'GET', url: '/api/v1/locales' });
    assert.equal(response.statusCode, 401);
    assert.equal(response.json<{ code: string }>().code, 'unauthorized');
    assert.equal(gateway.rpc.calls.length, before);
  });
});
