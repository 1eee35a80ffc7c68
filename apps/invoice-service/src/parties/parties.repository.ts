import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { tenantCollection, type TenantCollection } from '@portico/persistence';
import type { Connection } from 'mongoose';
import {
  customerProfileId,
  type CustomerProfile,
  type OrganizationProfile,
} from './party-profiles';

/**
 * The customer and organization projections. A write only lands when it is newer than what is
 * stored (compare-and-set on `updated_at`), so replays and out-of-order events change nothing.
 */
@Injectable()
export class PartiesRepository implements OnModuleInit {
  private readonly customers: TenantCollection<CustomerProfile>;
  private readonly organizations: TenantCollection<OrganizationProfile>;

  constructor(@InjectConnection() connection: Connection) {
    this.customers = tenantCollection(connection, 'customer_profiles');
    this.organizations = tenantCollection(connection, 'organization_profiles');
  }

  async onModuleInit(): Promise<void> {
    // Collections exist up front: FerretDB creates them lazily, and lookups race the first write.
    for (const { collection } of [this.customers, this.organizations]) {
      await collection.countDocuments({}, { limit: 1 });
    }
  }

  findCustomer(organizationId: string, externalId: string): Promise<CustomerProfile | null> {
    return this.customers.findById(customerProfileId(organizationId, externalId));
  }

  /** Customers whose external id, name or email contains `pattern` (the API's invoice search). */
  async customerIdsMatching(organizationId: string, pattern: RegExp, limit: number) {
    const found = await this.customers
      .find(
        {
          organization_id: organizationId,
          deleted: false,
          $or: [{ external_id: pattern }, { name: pattern }, { email: pattern }],
        },
        { projection: { external_id: 1 }, limit },
      )
      .toArray();
    return found.map((profile) => profile.external_id);
  }

  /** An organization's profile is keyed by the organization's id. */
  findOrganization(organizationId: string): Promise<OrganizationProfile | null> {
    return this.organizations.findById(organizationId);
  }

  saveCustomer(profile: CustomerProfile): Promise<boolean> {
    return this.customers.saveIfNewer(profile._id, {
      decide: (stored) => (isNewer(profile, stored) ? profile : undefined),
      versionOf: ({ updated_at }) => ({ updated_at }),
    });
  }

  /** `prepare` sees what is stored (to reuse a logo already fetched) before the write is decided. */
  saveOrganization(
    profile: OrganizationProfile,
    prepare?: (stored: OrganizationProfile | null) => Promise<OrganizationProfile>,
  ): Promise<boolean> {
    return this.organizations.saveIfNewer(profile._id, {
      decide: async (stored) => {
        if (!isNewer(profile, stored)) return undefined;
        return prepare ? prepare(stored) : profile;
      },
      versionOf: ({ updated_at }) => ({ updated_at }),
    });
  }
}

function isNewer(incoming: { updated_at: Date }, stored: { updated_at: Date } | null): boolean {
  return !(stored && stored.updated_at >= incoming.updated_at);
}
