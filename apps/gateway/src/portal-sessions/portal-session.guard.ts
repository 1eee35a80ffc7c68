import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { VerifyPortalSession, type RpcResponse } from '@portico/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isCredentialRefusal } from '../http/rate-limits/credential-refusal';
import { RateLimiter } from '../http/rate-limits/rate-limiter';
import { PortalLocaleHints } from './portal-locale-hints';
import { PortalSessionVerifier } from './portal-session-verifier';
import { PortalTokens, type PortalSessionClaims } from './portal-tokens';

export interface PortalSession extends RpcResponse<typeof VerifyPortalSession> {
  claims: PortalSessionClaims;
}

export interface PortalRequest extends FastifyRequest {
  portalSession: PortalSession;
  /** The session's last known locale, set when the session cannot be verified right now. */
  portalLocaleHint?: string;
}

/**
 * The one guard of every portal route: the token's signature, algorithm, audience and expiry here;
 * revocation and the continued existence of the organization and customer at customer-service
 * (through a per-gateway cache that every change announcement clears).
 * What a route may show is scoped by the session it leaves on the request, never by input.
 * The session id is the principal its rate limit counts; a dead or forged token counts against
 * the client address.
 */
@Injectable()
export class PortalSessionGuard implements CanActivate {
  constructor(
    private readonly tokens: PortalTokens,
    private readonly sessions: PortalSessionVerifier,
    private readonly limiter: RateLimiter,
    private readonly locales: PortalLocaleHints,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PortalRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    await this.limiter.refuseIfBlocked(request, reply);
    const token = (request.params as { token?: string }).token ?? '';
    let portalSession: PortalSession;
    let key: string | undefined;
    try {
      const claims = this.tokens.verify(token);
      key = `${claims.organizationId}\u0000${claims.customerId}`;
      const session = await this.sessions.verify(
        claims.organizationId,
        claims.customerId,
        claims.generation,
      );
      portalSession = { ...session, claims };
    } catch (error) {
      if (key !== undefined) request.portalLocaleHint = this.locales.get(key);
      if (isCredentialRefusal(error)) await this.limiter.countFailure(request);
      throw error;
    }
    this.locales.remember(key, portalSession.locale);
    await this.limiter.consume('portal', portalSession.claims.sessionId, request, reply);
    request.portalSession = portalSession;
    return true;
  }
}
