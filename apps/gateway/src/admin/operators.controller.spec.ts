import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { DomainError, ErrorCode, InviteOperator } from '@portico/contracts';
import assert from 'node:assert/strict';
import { startInProcessGateway, type InProcessGateway } from '../../test/in-process-gateway';

const ADMIN_TOKEN = 'an-admin-token-for-console-operators';
const CONSOLE_PUBLIC_URL = 'https://console.example.com';
const URL_OF = (org: string) => `/admin/v1/organizations/${org}/operators`;

describe('/admin/v1/organizations/:id/operators (in process)', () => {
  let gateway: InProcessGateway;
  beforeAll(async () => {
    gateway = await startInProcessGateway({ PORTICO_ADMIN_TOKEN: ADMIN_TOKEN, CONSOLE_PUBLIC_URL });
    gateway.rpc.answer(InviteOperator, (request) => {
      if (request.organization_id === 'ghost') {
        throw new DomainError(ErrorCode.OrganizationNotFound, 'no organization "ghost"');
      }
      return {
        operator: {
          id: 'op_1',
          organization_id: request.organization_id,
          email: request.email,
          role: request.role,
          active: false,
          created_at: '2026-12-01T00:00:00.000Z',
        },
        setup: { token: 'one-time-token', expires_at: '2026-12-02T00:00:00.000Z' },
      };
    });
  });
  afterAll(async () => gateway.close());

  test('an invitation answers the one-time link on the console, an admin by default', async () => {
    const response = await gateway.api('POST', URL_OF('acme'), {
      key: ADMIN_TOKEN,
      body: { email: 'ops@acme.example' },
    });
    assert.equal(response.statusCode, 201);
    const body = response.json<{ set_password_url: string; operator: { role: string } }>();
    assert.equal(body.set_password_url, `${CONSOLE_PUBLIC_URL}/set-password/one-time-token`);
    assert.equal(body.operator.role, 'admin');
    assert.deepEqual(gateway.rpc.callsTo(InviteOperator).at(-1), {
      organization_id: 'acme',
      email: 'ops@acme.example',
      role: 'admin',
    });
  });

  test('an invalid email or role: 422, nobody invited', async () => {
    const before = gateway.rpc.callsTo(InviteOperator).length;
    const response = await gateway.api('POST', URL_OF('acme'), {
      key: ADMIN_TOKEN,
      body: { email: 'not-an-email', role: 'owner' },
    });
    assert.equal(response.statusCode, 422);
    const details = response.json<{ error_details: Record<string, unknown> }>().error_details;
    assert.ok(details.email && details.role, JSON.stringify(details));
    assert.equal(gateway.rpc.callsTo(InviteOperator).length, before);
  });

  test('an unknown organization: 404', async () => {
    const response = await gateway.api('POST', URL_OF('ghost'), {
      key: ADMIN_TOKEN,
      body: { email: 'ops@ghost.example' },
    });
    assert.equal(response.statusCode, 404);
  });

  test('without the admin token: 401, nobody invited', async () => {
    const before = gateway.rpc.callsTo(InviteOperator).length;
    const response = await gateway.api('POST', URL_OF('acme'), {
      body: { email: 'ops@acme.example' },
    });
    assert.equal(response.statusCode, 401);
    assert.equal(gateway.rpc.callsTo(InviteOperator).length, before);
  });
});
