import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { MAX_LISTED_SUBSCRIPTIONS } from '@portico/contracts';
import type { Collection, Connection } from 'mongoose';
import { replaces, type SubscriptionRecord, type UsageSnapshotRecord } from './subscription-record';

const MAX_RACE_RETRIES = 5;

/**
 * Subscriptions and usage snapshots. A write is a compare-and-set on what was read (`rev` for a
 * subscription, `computed_at` for a snapshot), so replays, out-of-order events and racing
 * instances settle on the newest.
 */
@Injectable()
export class SubscriptionsRepository implements OnModuleInit {
  private readonly subscriptions: Collection<SubscriptionRecord>;
  private readonly snapshots: Collection<UsageSnapshotRecord>;

  constructor(@InjectConnection() connection: Connection) {
    this.subscriptions = connection.collection<SubscriptionRecord>('subscriptions');
    this.snapshots = connection.collection<UsageSnapshotRecord>('usage_snapshots');
  }

  async onModuleInit(): Promise<void> {
    // A customer's shown subscriptions; a subscription's periods, newest first.
    await this.subscriptions.createIndex({
      organization_id: 1,
      external_customer_id: 1,
      visible: 1,
    });
    await this.snapshots.createIndex({
      organization_id: 1,
      external_customer_id: 1,
      external_subscription_id: 1,
      from_datetime: -1,
    });
  }

  /** Returns whether the record was written (false: what is stored is as new or newer). */
  async saveSubscription(incoming: Omit<SubscriptionRecord, 'rev'>): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
      const stored = await this.subscriptions.findOne({ _id: incoming._id } as never);
      if (!replaces(stored, incoming)) return false;
      try {
        if (!stored) {
          await this.subscriptions.insertOne({ ...incoming, rev: 1 } as never);
          return true;
        }
        const { _id, ...fields } = incoming;
        const result = await this.subscriptions.updateOne(
          { _id, rev: stored.rev } as never,
          { $set: { ...fields, rev: stored.rev + 1 } } as never,
        );
        if (result.matchedCount === 1) return true;
      } catch (error) {
        if ((error as { code?: unknown }).code !== 11000) throw error;
      }
    }
    throw new Error(`gave up saving ${incoming._id} after ${MAX_RACE_RETRIES} lost races`);
  }

  async saveSnapshot(incoming: UsageSnapshotRecord): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
      const stored = await this.snapshots.findOne({ _id: incoming._id } as never);
      if (stored && stored.computed_at >= incoming.computed_at) return false;
      try {
        if (!stored) {
          await this.snapshots.insertOne(incoming as never);
          return true;
        }
        const { _id, ...fields } = incoming;
        const result = await this.snapshots.updateOne(
          { _id, computed_at: stored.computed_at } as never,
          { $set: fields } as never,
        );
        if (result.matchedCount === 1) return true;
      } catch (error) {
        if ((error as { code?: unknown }).code !== 11000) throw error;
      }
    }
    throw new Error(`gave up saving ${incoming._id} after ${MAX_RACE_RETRIES} lost races`);
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
