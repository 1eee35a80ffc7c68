import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { DomainError, healthCheckRpc, type ServiceName } from '@portico/contracts';
import { AmqpConnection, ServiceClient } from '@portico/messaging';

/** A readiness probe must answer well inside a kubelet's default 1 s... 10 s window. */
const SERVICE_PROBE_TIMEOUT_MS = 2_000;

@Injectable()
export class DependencyHealthIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly connection: AmqpConnection,
    private readonly rpc: ServiceClient,
  ) {}

  broker(): HealthIndicatorResult {
    const check = this.indicators.check('broker');
    return this.connection.isConnected ? check.up() : check.down({ message: 'not connected' });
  }

  /** Up only when the service answers and reports its own dependencies up. */
  async service(name: ServiceName): Promise<HealthIndicatorResult> {
    const check = this.indicators.check(name);
    try {
      const health = await this.rpc.call(
        healthCheckRpc(name),
        {},
        { timeoutMs: SERVICE_PROBE_TIMEOUT_MS },
      );
      return health.status === 'up'
        ? check.up({ dependencies: health.dependencies })
        : check.down({ dependencies: health.dependencies });
    } catch (error) {
      const message = error instanceof DomainError ? error.message : 'unexpected error';
      return check.down({ message });
    }
  }
}
