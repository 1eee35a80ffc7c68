import { afterAll, beforeAll, describe, test } from '@jest/globals';
import {
  DomainError,
  ErrorCode,
  OpenPortalSession,
  RevokePortalSessions,
} from '@portico/contracts';
import assert from 'node:assert/strict';
import {
  answerApiKeys,
  startInProcessGateway,
  type InProcessGateway,
} from '../../../test/in-process-gateway';
import { PortalTokens } from '../../portal-sessions/portal-tokens';

const KEY = 'key_portal_urls';
const PUBLIC_URL = 'https://portal.example.com';

describe('portal URLs and sessions (in process)', () => {
  let gateway: InProcessGateway;
  beforeAll(async () => {
    gateway = await startInProcessGateway({ PUBLIC_URL });
    answerApiKeys(gateway.rpc, { [KEY]: 'org_urls' });
    gateway.rpc.answer(OpenPortalSession, ({ external_customer_id }) => {
      if (external_customer_id !== 'jane')
        throw new DomainError(
          ErrorCode.CustomerNotFound,
          `customer ${external_customer_id} not found`,
        );
      return {
        customer_id: 'cus_jane',
        external_customer_id,
        generation: 4,
        version: '2026-11-01T00:00:00.000Z',
      };
    });
  });
  afterAll(async () => gateway.close());

  test("Lago's shape: a URL under PUBLIC_URL whose token names this organization and customer", async () => {
    const response = await gateway.api('GET', '/api/v1/customers/jane/portal_url', { key: KEY });
    assert.equal(response.statusCode, 200);
    const url = new URL(response.json<{ customer: { portal_url: string } }>().customer.portal_url);
    assert.equal(url.origin, PUBLIC_URL);
    const token = url.pathname.replace('/customer-portal/', '');
    const claims = gateway.app.get(PortalTokens).verify(token);
    assert.equal(claims.organizationId, 'org_urls');
    assert.equal(claims.customerId, 'cus_jane');
    assert.equal(claims.generation, 4);
  });

  test('an unknown customer: 404, and no URL', async () => {
    const response = await gateway.api('GET', '/api/v1/customers/bob/portal_url', { key: KEY });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json<{ code: string }>().code, 'customer_not_found');
  });

  test('a session lifetime out of bounds: 422 on expires_in', async () => {
    for (const expires_in of [10, 12 * 3600 + 1, 'soon']) {
      const response = await gateway.api('POST', '/api/v1/customers/jane/portal_sessions', {
        key: KEY,
        body: { expires_in },
      });
      assert.equal(response.statusCode, 422, String(expires_in));
      assert.ok(
        response.json<{ error_details: Record<string, unknown> }>().error_details.expires_in,
      );
    }
  });

  test('a chosen lifetime is the expiry of the session', async () => {
    const response = await gateway.api('POST', '/api/v1/customers/jane/portal_sessions', {
      key: KEY,
      body: { expires_in: 600 },
    });
    assert.equal(response.statusCode, 201);
    const { expires_at } = response.json<{ portal_session: { expires_at: string } }>()
      .portal_session;
    const seconds = (Date.parse(expires_at) - Date.now()) / 1000;
    assert.ok(seconds > 500 && seconds <= 600, `${seconds}`);
  });

  test('revoking answers when it took effect, scoped by the API key', async () => {
    gateway.rpc.answer(RevokePortalSessions, () => ({
      revoked_at: '2026-11-02T00:00:00.000Z',
      generation: 5,
    }));
    const response = await gateway.api('DELETE', '/api/v1/customers/jane/portal_sessions', {
      key: KEY,
    });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      portal_sessions: { revoked_at: '2026-11-02T00:00:00.000Z' },
    });
    const [call] = gateway.rpc.callsTo(RevokePortalSessions);
    assert.deepEqual(call, { organization_id: 'org_urls', external_customer_id: 'jane' });
  });
});
