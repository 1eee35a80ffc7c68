import { Controller } from '@nestjs/common';
import {
  ListSubscriptions,
  ListUsageSnapshots,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { HandleRpc } from '@portico/messaging';
import { snapshotOf, summaryOf } from './subscription-record';
import { SubscriptionsRepository } from './subscriptions.repository';

@Controller()
export class SubscriptionsRpcHandler {
  constructor(private readonly repository: SubscriptionsRepository) {}

  @HandleRpc(ListSubscriptions)
  async list(
    request: RpcRequest<typeof ListSubscriptions>,
  ): Promise<RpcResponse<typeof ListSubscriptions>> {
    const records = await this.repository.visibleSubscriptions(
      request.organization_id,
      request.external_customer_id,
    );
    return { subscriptions: records.map(summaryOf) };
  }

  @HandleRpc(ListUsageSnapshots)
  async snapshots(
    request: RpcRequest<typeof ListUsageSnapshots>,
  ): Promise<RpcResponse<typeof ListUsageSnapshots>> {
    const records = await this.repository.latestSnapshots(
      request.organization_id,
      request.external_customer_id,
      request.external_subscription_id,
      request.periods,
    );
    return { snapshots: records.map(snapshotOf) };
  }
}
