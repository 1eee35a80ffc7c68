import { Injectable } from '@nestjs/common';
import { RecordActivity, type ActivityAction, type ConsoleSessionView } from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';

/** Writes one console change to the organization's activity log (customer-service). */
@Injectable()
export class ActivityRecorder {
  constructor(private readonly rpc: ServiceClient) {}

  async record(
    session: ConsoleSessionView,
    change: {
      action: ActivityAction;
      subject: string;
      customer?: string;
      before?: string | null;
      after?: string | null;
    },
  ): Promise<void> {
    await this.rpc.call(RecordActivity, {
      organization_id: session.operator.organization_id,
      actor_id: session.operator.id,
      actor_email: session.operator.email,
      action: change.action,
      external_customer_id: change.customer ?? null,
      subject: change.subject,
      before: change.before ?? null,
      after: change.after ?? null,
    });
  }
}
