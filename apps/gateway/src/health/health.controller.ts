import { Controller, Get, HttpStatus, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { SERVICE_NAMES } from '@portico/contracts';
import type { FastifyReply } from 'fastify';
import { DependencyHealthIndicators } from './dependency-health.indicators';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly dependencies: DependencyHealthIndicators,
  ) {}

  /** Liveness: the process answers. Never depends on anything else, so it never causes restarts. */
  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: the broker and every service (and their databases) answer. A failure keeps
   * Terminus's report as the body (not the API error shape): probes and operators read it.
   */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.dependencies.broker(),
        ...SERVICE_NAMES.map((name) => () => this.dependencies.service(name)),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
