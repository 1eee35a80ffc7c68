import { Injectable } from '@nestjs/common';
import { GetOrganization, type OrganizationView } from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import { organizationTag } from './cache-tags';

/**
 * The operator's organization as the customer pages show it (its default document language),
 * kept until `portico.organization.changed` announces a change (or this instance writes one).
 * Settings pages ask customer-service directly: an admin editing sees what is stored.
 */
@Injectable()
export class OrganizationCache {
  private readonly organizations;

  constructor(
    private readonly rpc: ServiceClient,
    private readonly caches: ReplicaCaches,
  ) {
    this.organizations = caches.create<OrganizationView>({
      ttlMs: 60_000,
      max: 1_000,
      tagsOf: (organization) => [organizationTag(organization.id)],
    });
  }

  get(organizationId: string): Promise<OrganizationView> {
    return this.organizations.getOrLoad(
      organizationId,
      async () =>
        (await this.rpc.call(GetOrganization, { organization_id: organizationId })).organization,
    );
  }

  /** This instance changed it: the next page reads it anew, before the announcement is back. */
  forget(organizationId: string): void {
    this.caches.invalidate(organizationTag(organizationId));
  }
}
