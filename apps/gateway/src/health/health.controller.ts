import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { SERVICE_NAMES } from '@portico/contracts';
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

  /** Readiness: the broker and every service (and their databases) answer; 503 otherwise. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.dependencies.broker(),
      ...SERVICE_NAMES.map((name) => () => this.dependencies.service(name)),
    ]);
  }
}
