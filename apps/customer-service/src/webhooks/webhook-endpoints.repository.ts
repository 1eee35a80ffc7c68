import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { tenantCollectionOf, type TenantCollection } from '@portico/persistence';
import type { Model } from 'mongoose';
import { WebhookEndpoint } from './webhook-endpoint.model';

export type WebhookEndpointRecord = WebhookEndpoint;

/** Webhook endpoints as plain objects; every query is scoped by organization. */
@Injectable()
export class WebhookEndpointsRepository implements OnModuleInit {
  private readonly records: TenantCollection<WebhookEndpointRecord>;

  constructor(
    @InjectModel(WebhookEndpoint.name) private readonly endpoints: Model<WebhookEndpoint>,
  ) {
    this.records = tenantCollectionOf(endpoints);
  }

  async onModuleInit(): Promise<void> {
    await this.endpoints.init();
  }

  insert(endpoint: WebhookEndpointRecord): Promise<void> {
    return this.records.insertOne(endpoint);
  }

  find(organizationId: string, id: string): Promise<WebhookEndpointRecord | null> {
    return this.records.findOne({ _id: id, organization_id: organizationId });
  }

  list(organizationId: string): Promise<WebhookEndpointRecord[]> {
    return this.records
      .find({ organization_id: organizationId })
      .sort({ created_at: 1, _id: 1 })
      .toArray();
  }

  update(
    organizationId: string,
    id: string,
    changes: Partial<WebhookEndpointRecord>,
  ): Promise<WebhookEndpointRecord | null> {
    return this.records.findOneAndUpdate(
      { _id: id, organization_id: organizationId },
      { $set: changes },
      { returnDocument: 'after' },
    );
  }

  delete(organizationId: string, id: string): Promise<WebhookEndpointRecord | null> {
    return this.records.findOneAndDelete({ _id: id, organization_id: organizationId });
  }

  /** Records the first failure after a success; a no-op while already failing. */
  async markFailing(organizationId: string, id: string, at: Date, error: string): Promise<void> {
    await this.records.updateOne(
      { _id: id, organization_id: organizationId, failing_since: null },
      { $set: { failing_since: at } },
    );
    await this.records.updateOne(
      { _id: id, organization_id: organizationId },
      { $set: { last_error: error } },
    );
  }

  /** Written only when it was failing: a healthy endpoint costs no write per delivery. */
  async markHealthy(organizationId: string, id: string): Promise<void> {
    await this.records.updateOne(
      { _id: id, organization_id: organizationId, failing_since: { $ne: null } },
      { $set: { failing_since: null, last_error: null } },
    );
  }

  /** Disables it if still enabled; true only for the caller that did (one event, not several). */
  async disableFailing(organizationId: string, id: string, at: Date): Promise<boolean> {
    const result = await this.records.updateOne(
      { _id: id, organization_id: organizationId, enabled: true },
      { $set: { enabled: false, disabled_reason: 'failing', disabled_at: at, updated_at: at } },
    );
    return result.modifiedCount === 1;
  }
}
