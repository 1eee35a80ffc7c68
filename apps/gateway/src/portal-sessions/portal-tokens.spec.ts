import { afterEach, jest, test } from '@jest/globals';
import { DomainError, ErrorCode } from '@portico/contracts';
import assert from 'node:assert/strict';
import type { GatewayConfig } from '../config/gateway.config';
import { PortalTokens } from './portal-tokens';

const tokens = () =>
  new PortalTokens({ portalJwtSecret: 'a-secret-of-at-least-32-characters!!' } as GatewayConfig);
const refusal = (code: ErrorCode) => (error: unknown) =>
  error instanceof DomainError && error.code === code;

afterEach(() => {
  jest.useRealTimers();
});

test('a token seen before gives the same claims, and each caller its own copy', () => {
  const codec = tokens();
  const { token, sessionId } = codec.issue({
    organizationId: 'org_1',
    customerId: 'jane',
    generation: 3,
    expiresInSeconds: 600,
  });
  const first = codec.verify(token);
  first.customerId = 'changed by a caller';
  first.expiresAt.setTime(0);
  const again = codec.verify(token);
  assert.equal(again.customerId, 'jane');
  assert.equal(again.sessionId, sessionId);
  assert.equal(again.generation, 3);
  assert.ok(again.expiresAt.getTime() > Date.now());
});

test('a kept token still expires: past its expiry it is refused as expired', () => {
  jest.useFakeTimers({ now: new Date('2026-12-02T06:00:00Z') });
  const codec = tokens();
  const { token, expiresAt } = codec.issue({
    organizationId: 'org_1',
    customerId: 'jane',
    generation: 1,
    expiresInSeconds: 60,
  });
  assert.equal(codec.verify(token).customerId, 'jane');
  jest.setSystemTime(expiresAt.getTime() - 1);
  assert.equal(codec.verify(token).customerId, 'jane');
  jest.setSystemTime(expiresAt.getTime());
  assert.throws(() => codec.verify(token), refusal(ErrorCode.PortalTokenExpired));
  assert.throws(() => codec.verify(token), refusal(ErrorCode.PortalTokenExpired));
});

test('only that exact string is kept: an altered or foreign token is refused as before', () => {
  const codec = tokens();
  const { token } = codec.issue({
    organizationId: 'org_1',
    customerId: 'jane',
    generation: 1,
    expiresInSeconds: 600,
  });
  codec.verify(token);
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`;
  assert.throws(
    () => codec.verify(`${header}.${payload}.${flipped}`),
    refusal(ErrorCode.PortalTokenInvalid),
  );
  const foreign = new PortalTokens({
    portalJwtSecret: 'another-secret-of-at-least-32-chars!!',
  } as GatewayConfig);
  assert.throws(() => foreign.verify(token), refusal(ErrorCode.PortalTokenInvalid));
});
