import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { bearerToken } from './bearer-token';

export interface AuthenticatedRequest extends FastifyRequest {
  organizationId: string;
}

/** Every /api/v1 route: `Authorization: Bearer <api key>`; the key decides the organization. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly authenticator: ApiKeyAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = bearerToken(request.headers.authorization);
    request.organizationId = await this.authenticator.organizationFor(key);
    return true;
  }
}
