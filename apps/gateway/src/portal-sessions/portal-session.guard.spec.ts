import type { ExecutionContext } from '@nestjs/common';
import { DomainError, ErrorCode } from '@portico/contracts';
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { PortalLocaleHints } from './portal-locale-hints';
import { PortalSessionGuard, type PortalRequest } from './portal-session.guard';
import type { PortalSessionVerifier } from './portal-session-verifier';
import type { PortalTokens } from './portal-tokens';
import type { RateLimiter } from '../http/rate-limits/rate-limiter';

test("with customer-service away, the request carries the session's last known locale", async () => {
  let away = false;
  const tokens = {
    verify: (token: string) => ({
      organizationId: 'org_1',
      customerId: token,
      generation: 0,
      sessionId: 'ps_1',
      expiresAt: new Date(),
    }),
  } as unknown as PortalTokens;
  const sessions = {
    verify: async () => {
      if (away) throw new DomainError(ErrorCode.ServiceUnavailable, 'customer-service is away');
      return { locale: 'fr' };
    },
  } as unknown as PortalSessionVerifier;
  const limiter = {
    refuseIfBlocked: async () => undefined,
    countFailure: async () => undefined,
    consume: async () => undefined,
  } as unknown as RateLimiter;
  const guard = new PortalSessionGuard(tokens, sessions, limiter, new PortalLocaleHints());
  const context = (request: Partial<PortalRequest>) =>
    ({
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}) }),
    }) as unknown as ExecutionContext;

  const seen = { params: { token: 'cus_1' } } as Partial<PortalRequest>;
  assert.equal(await guard.canActivate(context(seen)), true);
  away = true;
  const during = { params: { token: 'cus_1' } } as Partial<PortalRequest>;
  await assert.rejects(guard.canActivate(context(during)), /away/);
  assert.equal(during.portalLocaleHint, 'fr');
  const stranger = { params: { token: 'cus_2' } } as Partial<PortalRequest>;
  await assert.rejects(guard.canActivate(context(stranger)));
  assert.equal(stranger.portalLocaleHint, undefined, 'only a customer seen before');
});
