import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { DomainError, ErrorCode } from '@portico/contracts';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { bearerToken } from '../api/auth/bearer-token';
import { GatewayConfig } from '../config/gateway.config';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The admin API: `Authorization: Bearer <PORTICO_ADMIN_TOKEN>`, compared in constant time. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(GatewayConfig) config: GatewayConfig) {
    this.expected = digest(config.adminToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const given = digest(bearerToken(request.headers.authorization));
    if (!timingSafeEqual(given, this.expected)) {
      throw new DomainError(ErrorCode.Unauthorized, 'invalid admin token');
    }
    return true;
  }
}
