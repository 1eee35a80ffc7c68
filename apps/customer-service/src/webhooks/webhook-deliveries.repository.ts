import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { tenantCollectionOf, type TenantCollection, type TenantFilter } from '@portico/persistence';
import type { Model } from 'mongoose';
import { WebhookAttempt, WebhookDelivery } from './webhook-delivery.model';

export type WebhookDeliveryRecord = WebhookDelivery;
export type WebhookAttemptRecord = WebhookAttempt;

/** Deliveries and their attempts as plain objects; every query is scoped by organization. */
@Injectable()
export class WebhookDeliveriesRepository implements OnModuleInit {
  private readonly deliveryRecords: TenantCollection<WebhookDeliveryRecord>;
  private readonly attemptRecords: TenantCollection<WebhookAttemptRecord>;

  constructor(
    @InjectModel(WebhookDelivery.name) private readonly deliveries: Model<WebhookDelivery>,
    @InjectModel(WebhookAttempt.name) private readonly attempts: Model<WebhookAttempt>,
  ) {
    this.deliveryRecords = tenantCollectionOf(deliveries);
    this.attemptRecords = tenantCollectionOf(attempts);
  }

  async onModuleInit(): Promise<void> {
    await Promise.all([this.deliveries.init(), this.attempts.init()]);
  }

  /**
   * Creates the delivery unless it exists (an event handled twice maps to the same id); returns
   * the stored one and whether this call created it.
   */
  async insertIfAbsent(
    delivery: WebhookDeliveryRecord,
  ): Promise<{ record: WebhookDeliveryRecord; created: boolean }> {
    const { _id, organization_id, ...rest } = delivery;
    const result = await this.deliveryRecords.updateOne(
      { _id, organization_id },
      { $setOnInsert: rest },
      { upsert: true },
    );
    const created = result.upsertedCount === 1;
    if (created) return { record: delivery, created };
    const record = await this.find(organization_id, _id);
    return { record: record ?? delivery, created };
  }

  find(organizationId: string, id: string): Promise<WebhookDeliveryRecord | null> {
    return this.deliveryRecords.findOne({ _id: id, organization_id: organizationId });
  }

  update(
    organizationId: string,
    id: string,
    changes: Partial<WebhookDeliveryRecord>,
    expectedGeneration?: number,
  ): Promise<WebhookDeliveryRecord | null> {
    const filter: TenantFilter<WebhookDeliveryRecord> = {
      _id: id,
      organization_id: organizationId,
    };
    if (expectedGeneration !== undefined) filter.generation = expectedGeneration;
    return this.deliveryRecords.findOneAndUpdate(
      filter,
      { $set: changes },
      { returnDocument: 'after' },
    );
  }

  addAttempt(attempt: WebhookAttemptRecord): Promise<void> {
    return this.attemptRecords.insertOne(attempt);
  }

  listForEndpoint(
    organizationId: string,
    endpointId: string,
    limit: number,
  ): Promise<WebhookDeliveryRecord[]> {
    return this.deliveryRecords
      .find({ organization_id: organizationId, endpoint_id: endpointId })
      .sort({ created_at: -1, _id: -1 })
      .limit(limit)
      .toArray();
  }

  attemptsOf(organizationId: string, deliveryIds: string[]): Promise<WebhookAttemptRecord[]> {
    if (deliveryIds.length === 0) return Promise.resolve([]);
    return this.attemptRecords
      .find({ organization_id: organizationId, delivery_id: { $in: deliveryIds } })
      .sort({ at: 1, _id: 1 })
      .toArray();
  }

  /**
   * Bounded log: keeps the newest `keep` finished deliveries of an endpoint (and every pending
   * one, which still has work to do), deleting older ones with their attempts.
   */
  async prune(organizationId: string, endpointId: string, keep: number): Promise<number> {
    const old = await this.deliveryRecords
      .find(
        {
          organization_id: organizationId,
          endpoint_id: endpointId,
          status: { $in: ['delivered', 'failed'] },
        },
        { projection: { _id: 1 } },
      )
      .sort({ created_at: -1, _id: -1 })
      .skip(keep)
      .limit(1_000)
      .toArray();
    return this.deleteMany(
      organizationId,
      old.map((d) => d._id),
    );
  }

  async deleteForEndpoint(organizationId: string, endpointId: string): Promise<void> {
    for (;;) {
      const batch = await this.deliveryRecords
        .find(
          { organization_id: organizationId, endpoint_id: endpointId },
          { projection: { _id: 1 } },
        )
        .limit(500)
        .toArray();
      if (batch.length === 0) return;
      await this.deleteMany(
        organizationId,
        batch.map((d) => d._id),
      );
    }
  }

  private async deleteMany(organizationId: string, ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    await this.attemptRecords.deleteMany({
      organization_id: organizationId,
      delivery_id: { $in: ids },
    });
    const result = await this.deliveryRecords.deleteMany({
      organization_id: organizationId,
      _id: { $in: ids },
    });
    return result.deletedCount;
  }
}
