import { Injectable } from '@nestjs/common';
import { GetLagoApiAccess, type LagoApiAccess } from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import { organizationTag } from '../../caching/cache-tags';

/**
 * An organization's Lago API URL and key, from customer-service, cached per gateway instance:
 * dropped when the organization announces a change, and in any case after a minute. `null`:
 * the operator gave Portico no API key.
 */
@Injectable()
export class LagoApiAccessSource {
  private readonly access;

  constructor(
    private readonly rpc: ServiceClient,
    caches: ReplicaCaches,
  ) {
    this.access = caches.create<{ access: LagoApiAccess | null }>({
      ttlMs: 60_000,
      max: 10_000,
      tagsOf: (_access, organizationId) => [organizationTag(organizationId)],
    });
  }

  async accessFor(organizationId: string): Promise<LagoApiAccess | null> {
    const answer = await this.access.getOrLoad(organizationId, () =>
      this.rpc.call(GetLagoApiAccess, { organization_id: organizationId }),
    );
    return answer.access;
  }
}
