import { Injectable } from '@nestjs/common';
import { usageSnapshotSchema, type LagoApiAccess, type UsageSnapshot } from '@portico/contracts';
import { callLago, LagoApiClients } from '@portico/lago-api';

export interface UsageReference {
  organizationId: string;
  externalCustomerId: string;
  externalSubscriptionId: string;
}

/**
 * One subscription's usage in its current billing period, from Lago's API
 * (`GET /customers/:external_id/current_usage`) through Lago's client and the outbound guard,
 * within LAGO_USAGE_TIMEOUT_MS. Lago computes it on each call; `computed_at` is when it answered.
 */
@Injectable()
export class LagoCurrentUsage {
  constructor(private readonly lagoApi: LagoApiClients) {}

  async read(access: LagoApiAccess, reference: UsageReference): Promise<UsageSnapshot> {
    const client = this.lagoApi.for(access);
    const answer = await callLago('read current usage', () =>
      client.customers.findCustomerCurrentUsage(reference.externalCustomerId, {
        external_subscription_id: reference.externalSubscriptionId,
      }),
    );
    const usage = answer.customer_usage;
    // Checked like an event: what Lago answers becomes a customer.usage_updated as is.
    return usageSnapshotSchema.parse({
      external_customer_id: reference.externalCustomerId,
      external_subscription_id: reference.externalSubscriptionId,
      from_datetime: usage.from_datetime,
      to_datetime: usage.to_datetime,
      currency: usage.currency ?? usage.charges_usage[0]?.amount_currency,
      amount_cents: usage.amount_cents,
      taxes_amount_cents: usage.taxes_amount_cents ?? 0,
      total_amount_cents: usage.total_amount_cents,
      charges_usage: usage.charges_usage.map((charge) => ({
        billable_metric: { code: charge.billable_metric.code, name: charge.billable_metric.name },
        units: charge.units,
        amount_cents: charge.amount_cents,
        ...(charge.grouped_usage?.length && {
          grouped_usage: charge.grouped_usage.map((group) => ({
            grouped_by: group.grouped_by,
            units: group.units,
            amount_cents: group.amount_cents,
          })),
        }),
      })),
      computed_at: new Date().toISOString(),
    });
  }
}
