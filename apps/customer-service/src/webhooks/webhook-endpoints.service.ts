import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  type WebhookEndpointChanges,
  type WebhookEndpointInput,
  type WebhookEndpointView,
} from '@portico/contracts';
import { OutboundGuard, OutboundRefusedError } from '@portico/outbound';
import { CustomerServiceConfig } from '../config/customer-service.config';
import { definedOnly } from '../common/defined-only';
import { newId } from '../common/new-id';
import { OrganizationsService } from '../organizations/organizations.service';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import {
  WebhookEndpointsRepository,
  type WebhookEndpointRecord,
} from './webhook-endpoints.repository';
import { generateWebhookSecret } from './webhook-secret';
import { toEndpointView } from './webhook-views';

@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly repository: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly organizations: OrganizationsService,
    private readonly guard: OutboundGuard,
    @Inject(CustomerServiceConfig) private readonly config: CustomerServiceConfig,
  ) {}

  async create(
    organizationId: string,
    input: WebhookEndpointInput,
  ): Promise<{ webhook_endpoint: WebhookEndpointView; secret: string }> {
    await this.organizations.require(organizationId);
    const url = await this.checkUrl(input.url);
    const now = new Date();
    const endpoint: WebhookEndpointRecord = {
      _id: newId('we'),
      organization_id: organizationId,
      url,
      description: input.description ?? null,
      event_types: input.event_types ?? null,
      enabled: input.enabled ?? true,
      disabled_reason: input.enabled === false ? 'operator' : null,
      disabled_at: input.enabled === false ? now : null,
      failing_since: null,
      last_error: null,
      secret: generateWebhookSecret(),
      previous_secret: null,
      previous_secret_expires_at: null,
      created_at: now,
      updated_at: now,
    };
    await this.repository.insert(endpoint);
    return { webhook_endpoint: toEndpointView(endpoint), secret: endpoint.secret };
  }

  async list(organizationId: string): Promise<WebhookEndpointView[]> {
    await this.organizations.require(organizationId);
    return (await this.repository.list(organizationId)).map((e) => toEndpointView(e));
  }

  /** The endpoints that take deliveries now (fan-out). */
  async enabledFor(organizationId: string): Promise<WebhookEndpointRecord[]> {
    return (await this.repository.list(organizationId)).filter((e) => e.enabled);
  }

  async get(organizationId: string, id: string): Promise<WebhookEndpointView> {
    return toEndpointView(await this.require(organizationId, id));
  }

  async update(
    organizationId: string,
    id: string,
    changes: WebhookEndpointChanges,
  ): Promise<WebhookEndpointView> {
    const current = await this.require(organizationId, id);
    const now = new Date();
    const set: Partial<WebhookEndpointRecord> = {
      ...definedOnly({
        description: changes.description,
        event_types: changes.event_types,
      }),
      updated_at: now,
    };
    if (changes.url !== undefined && changes.url !== current.url) {
      set.url = await this.checkUrl(changes.url);
    }
    if (changes.enabled === true && !current.enabled) {
      // A fresh start: the failure window counts from the next failure.
      Object.assign(set, {
        enabled: true,
        disabled_reason: null,
        disabled_at: null,
        failing_since: null,
        last_error: null,
      });
    } else if (changes.enabled === false && current.enabled) {
      Object.assign(set, { enabled: false, disabled_reason: 'operator', disabled_at: now });
    }
    const updated = await this.repository.update(organizationId, id, set);
    if (!updated) throw notFound(id);
    return toEndpointView(updated);
  }

  async remove(organizationId: string, id: string): Promise<WebhookEndpointView> {
    const deleted = await this.repository.delete(organizationId, id);
    if (!deleted) throw notFound(id);
    await this.deliveries.deleteForEndpoint(organizationId, id);
    return toEndpointView(deleted);
  }

  async rotateSecret(
    organizationId: string,
    id: string,
    overlapSeconds = this.config.webhooks.secretOverlapSeconds,
  ): Promise<{ webhook_endpoint: WebhookEndpointView; secret: string }> {
    const current = await this.require(organizationId, id);
    const now = new Date();
    const secret = generateWebhookSecret();
    const updated = await this.repository.update(organizationId, id, {
      secret,
      previous_secret: overlapSeconds > 0 ? current.secret : null,
      previous_secret_expires_at:
        overlapSeconds > 0 ? new Date(now.getTime() + overlapSeconds * 1000) : null,
      updated_at: now,
    });
    if (!updated) throw notFound(id);
    return { webhook_endpoint: toEndpointView(updated, now), secret };
  }

  async require(organizationId: string, id: string): Promise<WebhookEndpointRecord> {
    const endpoint = await this.repository.find(organizationId, id);
    if (!endpoint) {
      await this.organizations.require(organizationId);
      throw notFound(id);
    }
    return endpoint;
  }

  /** https outside development; no internal address unless OUTBOUND_ALLOWED_HOSTS lists it. */
  private async checkUrl(url: string): Promise<string> {
    try {
      // The guard was built from the same config: it refuses http unless allowed.
      return (await this.guard.check(url)).toString();
    } catch (error) {
      if (!(error instanceof OutboundRefusedError)) throw error;
      throw new DomainError(ErrorCode.ValidationFailed, 'webhook endpoint URL refused', [
        { field: 'url', message: error.reason },
      ]);
    }
  }
}

function notFound(id: string): DomainError {
  return new DomainError(ErrorCode.NotFound, `webhook endpoint "${id}" not found`);
}
