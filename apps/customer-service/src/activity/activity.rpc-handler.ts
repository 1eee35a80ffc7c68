import { Controller } from '@nestjs/common';
import {
  ListActivity,
  RecordActivity,
  paginationMeta,
  type ActivityView,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { HandleRpc } from '@portico/messaging';
import { newId } from '../common/new-id';
import { ActivityRepository, type ActivityRecord } from './activity.repository';

@Controller()
export class ActivityRpcHandler {
  constructor(private readonly repository: ActivityRepository) {}

  @HandleRpc(RecordActivity)
  async record(
    request: RpcRequest<typeof RecordActivity>,
  ): Promise<RpcResponse<typeof RecordActivity>> {
    const entry: ActivityRecord = { _id: newId('act'), ...request, at: new Date() };
    await this.repository.insert(entry);
    return { activity: toActivityView(entry) };
  }

  @HandleRpc(ListActivity)
  async list(request: RpcRequest<typeof ListActivity>): Promise<RpcResponse<typeof ListActivity>> {
    const { items, total } = await this.repository.list(
      request.organization_id,
      request.external_customer_id,
      (request.page - 1) * request.per_page,
      request.per_page,
    );
    return {
      activity: items.map(toActivityView),
      meta: paginationMeta(request.page, request.per_page, total),
    };
  }
}

function toActivityView(entry: ActivityRecord): ActivityView {
  return {
    id: entry._id,
    actor_id: entry.actor_id,
    actor_email: entry.actor_email,
    action: entry.action as ActivityView['action'],
    external_customer_id: entry.external_customer_id,
    subject: entry.subject,
    before: entry.before,
    after: entry.after,
    at: entry.at.toISOString(),
  };
}
