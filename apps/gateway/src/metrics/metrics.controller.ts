import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, ErrorCode } from '@portico/contracts';
import { renderMetrics } from '@portico/runtime';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { bearerToken } from '../api/auth/bearer-token';
import { GatewayConfig } from '../config/gateway.config';
import { RateLimiter } from '../http/rate-limits/rate-limiter';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Prometheus scrapes each gateway instance. On the public port only behind `METRICS_TOKEN`; with
 * METRICS_PORT set it lives on the ops listener alone (deploy/k8s), and in production without
 * either it is not served at all: process and traffic figures are not for the internet.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
    private readonly limiter: RateLimiter,
  ) {}

  @Get()
  @Header('cache-control', 'no-store')
  async metrics(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    await this.authorize(request, reply);
    const { contentType, body } = await renderMetrics();
    void reply.header('content-type', contentType);
    return body;
  }

  private async authorize(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const { metricsToken, ops, env } = this.config;
    if (ops.port > 0 || (!metricsToken && env === 'production')) {
      throw new DomainError(ErrorCode.NotFound, 'not found');
    }
    if (!metricsToken) return;
    await this.limiter.refuseIfBlocked(request, reply);
    const given = request.headers.authorization ? bearerTokenOrEmpty(request) : '';
    if (!timingSafeEqual(digest(given), digest(metricsToken))) {
      await this.limiter.countFailure(request);
      throw new DomainError(ErrorCode.Unauthorized, 'invalid metrics token');
    }
  }
}

function bearerTokenOrEmpty(request: FastifyRequest): string {
  try {
    return bearerToken(request.headers.authorization);
  } catch {
    return '';
  }
}
