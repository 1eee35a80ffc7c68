import { Controller } from '@nestjs/common';
import { healthCheckRpc, type RpcResponse } from '@portico/contracts';
import { HandleRpc } from '@portico/messaging';
import { DatabaseHealth } from '@portico/persistence';

const HealthCheck = healthCheckRpc('customer-service');

@Controller()
export class HealthRpcHandler {
  constructor(private readonly database: DatabaseHealth) {}

  @HandleRpc(HealthCheck)
  async check(): Promise<RpcResponse<typeof HealthCheck>> {
    const database = await this.database.check();
    return { service: 'customer-service', status: database.status, dependencies: { database } };
  }
}
