import { describe, test } from '@jest/globals';
import { DomainError, ErrorCode } from '@portico/contracts';
import assert from 'node:assert/strict';
import type { GatewayConfig } from '../config/gateway.config';
import { PortalFormTokens } from './portal-form-tokens';
import type { PortalRequest } from '../portal-sessions/portal-session.guard';

const tokens = new PortalFormTokens({
  portalJwtSecret: 'a-secret-for-form-tokens',
} as GatewayConfig);
const requestOf = (sessionId: string, headers: Record<string, string> = {}) =>
  ({ headers, portalSession: { claims: { sessionId } } }) as unknown as PortalRequest;

const refusal = (run: () => void): string => {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof DomainError);
    assert.equal(error.code, ErrorCode.FormTokenInvalid);
    return error.message;
  }
  assert.fail('the form token was accepted');
};

describe('portal form tokens', () => {
  const session = requestOf('session-1');
  const token = tokens.issue(session, 'account.edit');

  test('the token of this page and form is accepted', () => {
    tokens.verify(session, 'account.edit', token);
  });

  test('another session, another form, a missing or altered token: refused', () => {
    assert.match(
      refusal(() => tokens.verify(requestOf('session-2'), 'account.edit', token)),
      /does not belong/,
    );
    assert.match(
      refusal(() => tokens.verify(session, 'wallet.top_up', token)),
      /does not belong/,
    );
    assert.match(
      refusal(() => tokens.verify(session, 'account.edit', undefined)),
      /missing/,
    );
    assert.match(
      refusal(() => tokens.verify(session, 'account.edit', `${token}x`)),
      /does not belong/,
    );
    assert.match(
      refusal(() => tokens.verify(session, 'account.edit', 'nonsense')),
      /malformed/,
    );
  });

  test('a token older than a portal session lasts is refused', () => {
    const old = tokens.issue(session, 'account.edit', Date.now() - 13 * 3600_000);
    assert.match(
      refusal(() => tokens.verify(session, 'account.edit', old)),
      /expired/,
    );
  });

  test('a post the browser marks cross-site is refused even with a valid token', () => {
    const crossSite = requestOf('session-1', { 'sec-fetch-site': 'cross-site' });
    assert.match(
      refusal(() => tokens.verify(crossSite, 'account.edit', token)),
      /another site/,
    );
    tokens.verify(
      requestOf('session-1', { 'sec-fetch-site': 'same-origin' }),
      'account.edit',
      token,
    );
  });
});
