import { Controller } from '@nestjs/common';
import { healthCheckRpc, type RpcResponse } from '@portico/contracts';
import { EventConsumer, HandleRpc } from '@portico/messaging';
import { DatabaseHealth } from '@portico/persistence';

const HealthCheck = healthCheckRpc('invoice-service');

@Controller()
export class HealthRpcHandler {
  constructor(
    private readonly database: DatabaseHealth,
    private readonly consumer: EventConsumer,
  ) {}

  /** Not ready while the database is away or event consumption is paused waiting for it. */
  @HandleRpc(HealthCheck)
  async check(): Promise<RpcResponse<typeof HealthCheck>> {
    const database = await this.database.check();
    const pause = this.consumer.paused;
    const events = pause
      ? {
          status: 'down' as const,
          message: `consumption paused since ${pause.since.toISOString()}: ${pause.reason}`,
        }
      : { status: 'up' as const };
    const status = database.status === 'up' && events.status === 'up' ? 'up' : 'down';
    return { service: 'invoice-service', status, dependencies: { database, events } };
  }
}
