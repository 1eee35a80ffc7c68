import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  GetLagoWebhookKeys,
  PorticoOrganizationChanged,
  type EventData,
  type EventEnvelope,
  type LagoWebhookKeys,
} from '@portico/contracts';
import { AmqpConnection, ServiceClient } from '@portico/messaging';
import { ExpiringCache } from '../../caching/expiring-cache';

const CACHE_TTL_MS = 30_000;
const CACHE_MAX_ENTRIES = 10_000;

/**
 * An organization's Lago verification keys, from customer-service, cached per gateway instance
 * like API keys: dropped when the organization announces a change, all of them after a
 * reconnect, and in any case after 30 seconds.
 */
@Injectable()
export class LagoWebhookKeySource {
  private readonly cache = new ExpiringCache<LagoWebhookKeys>(CACHE_TTL_MS, CACHE_MAX_ENTRIES);

  constructor(
    private readonly rpc: ServiceClient,
    connection: AmqpConnection,
  ) {
    connection.on('connected', () => this.cache.clear());
  }

  async keysFor(organizationId: string): Promise<LagoWebhookKeys> {
    const cached = this.cache.get(organizationId);
    if (cached) return cached;
    try {
      const keys = await this.rpc.call(GetLagoWebhookKeys, { organization_id: organizationId });
      this.cache.set(organizationId, keys);
      return keys;
    } catch (error) {
      // An unknown organization cannot have signed anything; say no more than that.
      if (error instanceof DomainError && error.code === ErrorCode.OrganizationNotFound) {
        throw new DomainError(
          ErrorCode.WebhookSignatureInvalid,
          'no Lago keys are configured for this organization',
        );
      }
      throw error;
    }
  }

  forget(organizationId: string): void {
    this.cache.delete(organizationId);
  }

  async onOrganizationChanged(
    event: EventEnvelope<EventData<typeof PorticoOrganizationChanged>>,
  ): Promise<void> {
    this.forget(event.data.id);
  }
}
