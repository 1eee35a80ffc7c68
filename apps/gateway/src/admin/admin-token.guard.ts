import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { DomainError, ErrorCode } from '@portico/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { bearerToken } from '../api/auth/bearer-token';
import { GatewayConfig } from '../config/gateway.config';
import { RateLimiter } from '../http/rate-limits/rate-limiter';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The admin API: `Authorization: Bearer <PORTICO_ADMIN_TOKEN>`, compared in constant time. A
 * wrong token counts against the client address; once it used up its failures, its guesses are
 * refused unread.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(
    @Inject(GatewayConfig) config: GatewayConfig,
    private readonly limiter: RateLimiter,
  ) {
    this.expected = digest(config.adminToken);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    await this.limiter.refuseIfBlocked(request, reply);
    let valid: boolean;
    try {
      valid = timingSafeEqual(digest(bearerToken(request.headers.authorization)), this.expected);
    } catch {
      valid = false; // no or malformed Authorization header
    }
    if (!valid) {
      await this.limiter.countFailure(request);
      throw new DomainError(ErrorCode.Unauthorized, 'invalid admin token');
    }
    await this.limiter.consume('admin', 'admin', request, reply);
    return true;
  }
}
