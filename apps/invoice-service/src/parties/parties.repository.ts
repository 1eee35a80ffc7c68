import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Collection, Connection } from 'mongoose';
import {
  customerProfileId,
  type CustomerProfile,
  type OrganizationProfile,
} from './party-profiles';

const MAX_RACE_RETRIES = 5;

/**
 * The customer and organization projections. A write only lands when it is newer than what is
 * stored (compare-and-set on `updated_at`), so replays and out-of-order events change nothing.
 */
@Injectable()
export class PartiesRepository implements OnModuleInit {
  private readonly customers: Collection<CustomerProfile>;
  private readonly organizations: Collection<OrganizationProfile>;

  constructor(@InjectConnection() connection: Connection) {
    this.customers = connection.collection<CustomerProfile>('customer_profiles');
    this.organizations = connection.collection<OrganizationProfile>('organization_profiles');
  }

  async onModuleInit(): Promise<void> {
    // Collections exist up front: FerretDB creates them lazily, and lookups race the first write.
    for (const collection of [this.customers, this.organizations]) {
      await collection.countDocuments({}, { limit: 1 });
    }
  }

  findCustomer(organizationId: string, externalId: string): Promise<CustomerProfile | null> {
    return this.customers.findOne({ _id: customerProfileId(organizationId, externalId) });
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

  findOrganization(organizationId: string): Promise<OrganizationProfile | null> {
    return this.organizations.findOne({ _id: organizationId });
  }

  saveCustomer(profile: CustomerProfile): Promise<boolean> {
    return saveIfNewer(this.customers, profile);
  }

  /** `prepare` sees what is stored (to reuse a logo already fetched) before the write is decided. */
  saveOrganization(
    profile: OrganizationProfile,
    prepare?: (stored: OrganizationProfile | null) => Promise<OrganizationProfile>,
  ): Promise<boolean> {
    return saveIfNewer(this.organizations, profile, prepare);
  }
}

async function saveIfNewer<T extends { _id: string; updated_at: Date }>(
  collection: Collection<T>,
  incoming: T,
  prepare?: (stored: T | null) => Promise<T>,
): Promise<boolean> {
  for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
    const stored = await collection.findOne({ _id: incoming._id } as never);
    if (stored && stored.updated_at >= incoming.updated_at) return false;
    const document = prepare ? await prepare(stored as T | null) : incoming;
    try {
      if (!stored) {
        await collection.insertOne(document as never);
        return true;
      }
      const { _id, ...fields } = document;
      const result = await collection.updateOne(
        { _id, updated_at: stored.updated_at } as never,
        { $set: fields } as never,
      );
      if (result.matchedCount === 1) return true;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 11000) throw error;
    }
    // Another writer got there first: look again, it may be newer than this change.
  }
  throw new Error(`gave up saving ${incoming._id} after ${MAX_RACE_RETRIES} lost races`);
}
