import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isCredentialRefusal } from '../../http/rate-limits/credential-refusal';
import { RateLimiter } from '../../http/rate-limits/rate-limiter';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { bearerToken } from './bearer-token';

export interface AuthenticatedRequest extends FastifyRequest {
  organizationId: string;
}

/**
 * Every /api/v1 route: `Authorization: Bearer <api key>`; the key decides the organization and is
 * the principal the rate limit counts (however the path or header was spelled). A wrong key
 * counts against the client address.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    await this.limiter.refuseIfBlocked(request, reply);
    let principal: { organizationId: string; keyId: string };
    try {
      principal = await this.authenticator.authenticate(bearerToken(request.headers.authorization));
    } catch (error) {
      if (isCredentialRefusal(error)) await this.limiter.countFailure(request);
      throw error;
    }
    await this.limiter.consume('api', principal.keyId, request, reply);
    request.organizationId = principal.organizationId;
    return true;
  }
}
