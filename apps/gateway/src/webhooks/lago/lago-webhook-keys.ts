import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  GetLagoWebhookKeys,
  type LagoWebhookKeys,
} from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import { organizationTag } from '../../caching/cache-tags';

/**
 * An organization's Lago verification keys, from customer-service, cached per gateway instance
 * like API keys: dropped when the organization announces a change, and in any case after 30
 * seconds.
 */
@Injectable()
export class LagoWebhookKeySource {
  private readonly keys;

  constructor(
    private readonly rpc: ServiceClient,
    caches: ReplicaCaches,
  ) {
    this.keys = caches.create<LagoWebhookKeys>({
      ttlMs: 30_000,
      max: 10_000,
      tagsOf: (_keys, organizationId) => [organizationTag(organizationId)],
    });
  }

  async keysFor(organizationId: string): Promise<LagoWebhookKeys> {
    try {
      return await this.keys.getOrLoad(organizationId, () =>
        this.rpc.call(GetLagoWebhookKeys, { organization_id: organizationId }),
      );
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
}
