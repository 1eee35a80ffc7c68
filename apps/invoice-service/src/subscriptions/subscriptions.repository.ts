import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { MAX_LISTED_SUBSCRIPTIONS } from '@portico/contracts';
import { tenantCollection, type TenantCollection } from '@portico/persistence';
import type { Connection } from 'mongoose';
import { replaces, type SubscriptionRecord, type UsageSnapshotRecord } from './subscription-record';

/**
 * Subscriptions and usage snapshots. A write is a compare-and-set on what was read (`rev` for a
 * subscription, `computed_at` for a snapshot), so replays, out-of-order events and racing
 * instances settle on the newest.
 */
@Injectable()
export class SubscriptionsRepository implements OnModuleInit {
  private readonly subscriptions: TenantCollection<SubscriptionRecord>;
  private readonly snapshots: TenantCollection<UsageSnapshotRecord>;

  constructor(@InjectConnection() connection: Connection) {
    this.subscriptions = tenantCollection(connection, 'subscriptions');
    this.snapshots = tenantCollection(connection, 'usage_snapshots');
  }

  async onModuleInit(): Promise<void> {
    // A customer's shown subscriptions; a subscription's periods, newest first.
    await this.subscriptions.collection.createIndex({
      organization_id: 1,
      external_customer_id: 1,
      visible: 1,
    });
    await this.snapshots.collection.createIndex({
      organization_id: 1,
      external_customer_id: 1,
      external_subscription_id: 1,
      from_datetime: -1,
    });
  }

  /** Returns whether the record was written (false: what is stored is as new or newer). */
  saveSubscription(incoming: Omit<SubscriptionRecord, 'rev'>): Promise<boolean> {
    return this.subscriptions.saveIfNewer(incoming._id, {
      decide: (stored) =>
        replaces(stored, incoming) ? { ...incoming, rev: (stored?.rev ?? 0) + 1 } : undefined,
      versionOf: ({ rev }) => ({ rev }),
    });
  }

  saveSnapshot(incoming: UsageSnapshotRecord): Promise<boolean> {
    return this.snapshots.saveIfNewer(incoming._id, {
      decide: (stored) =>
        stored && stored.computed_at >= incoming.computed_at ? undefined : incoming,
      versionOf: ({ computed_at }) => ({ computed_at }),
    });
  }

  async visibleSubscriptions(
    organizationId: string,
    externalCustomerId: string,
  ): Promise<SubscriptionRecord[]> {
    const found = await this.subscriptions
      .find(
        {
          organization_id: organizationId,
          external_customer_id: externalCustomerId,
          visible: true,
        },
        { limit: MAX_LISTED_SUBSCRIPTIONS },
      )
      .toArray();
    return found.sort(
      (a, b) =>
        (a.started_at ?? '').localeCompare(b.started_at ?? '') ||
        a.external_id.localeCompare(b.external_id),
    );
  }

  latestSnapshots(
    organizationId: string,
    externalCustomerId: string,
    externalSubscriptionId: string,
    periods: number,
  ): Promise<UsageSnapshotRecord[]> {
    return this.snapshots
      .find(
        {
          organization_id: organizationId,
          external_customer_id: externalCustomerId,
          external_subscription_id: externalSubscriptionId,
        },
        { sort: { from_datetime: -1 }, limit: periods },
      )
      .toArray();
  }
}
