import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { WebhookEndpoint } from './webhook-endpoint.model';

export type WebhookEndpointRecord = WebhookEndpoint;

/** Webhook endpoints as plain objects; every query is scoped by organization. */
@Injectable()
export class WebhookEndpointsRepository implements OnModuleInit {
  constructor(
    @InjectModel(WebhookEndpoint.name) private readonly endpoints: Model<WebhookEndpoint>,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.endpoints.init();
  }

  async insert(endpoint: WebhookEndpointRecord): Promise<void> {
    await this.endpoints.create(endpoint);
  }

  find(organizationId: string, id: string): Promise<WebhookEndpointRecord | null> {
    return this.endpoints
      .findOne({ _id: id, organization_id: organizationId })
      .lean<WebhookEndpointRecord>()
      .exec();
  }

  list(organizationId: string): Promise<WebhookEndpointRecord[]> {
    return this.endpoints
      .find({ organization_id: organizationId })
      .sort({ created_at: 1, _id: 1 })
      .lean<WebhookEndpointRecord[]>()
      .exec();
  }

  update(
    organizationId: string,
    id: string,
    changes: Partial<WebhookEndpointRecord>,
  ): Promise<WebhookEndpointRecord | null> {
    return this.endpoints
      .findOneAndUpdate(
        { _id: id, organization_id: organizationId },
        { $set: changes },
        { returnDocument: 'after' },
      )
      .lean<WebhookEndpointRecord>()
      .exec();
  }

  async delete(organizationId: string, id: string): Promise<WebhookEndpointRecord | null> {
    return this.endpoints
      .findOneAndDelete({ _id: id, organization_id: organizationId })
      .lean<WebhookEndpointRecord>()
      .exec();
  }

  /** Records the first failure after a success; a no-op while already failing. */
  async markFailing(organizationId: string, id: string, at: Date, error: string): Promise<void> {
    await this.endpoints
      .updateOne(
        { _id: id, organization_id: organizationId, failing_since: null },
        { $set: { failing_since: at } },
      )
      .exec();
    await this.endpoints
      .updateOne({ _id: id, organization_id: organizationId }, { $set: { last_error: error } })
      .exec();
  }

  /** Written only when it was failing: a healthy endpoint costs no write per delivery. */
  async markHealthy(organizationId: string, id: string): Promise<void> {
    await this.endpoints
      .updateOne(
        { _id: id, organization_id: organizationId, failing_since: { $ne: null } },
        { $set: { failing_since: null, last_error: null } },
      )
      .exec();
  }

  /** Disables it if still enabled; true only for the caller that did (one event, not several). */
  async disableFailing(organizationId: string, id: string, at: Date): Promise<boolean> {
    const result = await this.endpoints
      .updateOne(
        { _id: id, organization_id: organizationId, enabled: true },
        { $set: { enabled: false, disabled_reason: 'failing', disabled_at: at, updated_at: at } },
      )
      .exec();
    return result.modifiedCount === 1;
  }
}
