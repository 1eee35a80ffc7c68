import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { VerifyPortalSession, type RpcResponse } from '@portico/contracts';
import type { FastifyRequest } from 'fastify';
import { PortalSessionVerifier } from './portal-session-verifier';
import { PortalTokens, type PortalSessionClaims } from './portal-tokens';

export interface PortalSession extends RpcResponse<typeof VerifyPortalSession> {
  claims: PortalSessionClaims;
}

export interface PortalRequest extends FastifyRequest {
  portalSession: PortalSession;
}

/**
 * The one guard of every portal route: the token's signature, algorithm, audience and expiry here;
 * revocation and the continued existence of the organization and customer at customer-service
 * (through a per-gateway cache that every change announcement clears).
 * What a route may show is scoped by the session it leaves on the request, never by input.
 */
@Injectable()
export class PortalSessionGuard implements CanActivate {
  constructor(
    private readonly tokens: PortalTokens,
    private readonly sessions: PortalSessionVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PortalRequest>();
    const token = (request.params as { token?: string }).token ?? '';
    const claims = this.tokens.verify(token);
    const session = await this.sessions.verify(
      claims.organizationId,
      claims.customerId,
      claims.generation,
    );
    request.portalSession = { ...session, claims };
    return true;
  }
}
