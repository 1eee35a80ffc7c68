import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  plainCollectionOf,
  tenantCollectionOf,
  type PlainCollection,
  type TenantCollection,
} from '@portico/persistence';
import type { Model } from 'mongoose';
import { ApiKey } from './api-key.model';
import { Organization } from './organization.model';

export type OrganizationRecord = Organization;
export type ApiKeyRecord = ApiKey;

/**
 * Organizations and their API keys, as plain objects. The organizations are the tenants
 * themselves, so theirs is not a tenant-scoped collection; the keys are, but for the
 * per-request lookup by hash that tells whose a key is.
 */
@Injectable()
export class OrganizationsRepository implements OnModuleInit {
  private readonly records: PlainCollection<OrganizationRecord>;
  private readonly keys: TenantCollection<ApiKeyRecord>;

  constructor(
    @InjectModel(Organization.name) private readonly organizations: Model<Organization>,
    @InjectModel(ApiKey.name) private readonly apiKeys: Model<ApiKey>,
  ) {
    this.records = plainCollectionOf(organizations);
    this.keys = tenantCollectionOf(apiKeys);
  }

  /** Indexes exist before the first write, so uniqueness holds from the first request on. */
  async onModuleInit(): Promise<void> {
    await Promise.all([this.organizations.init(), this.apiKeys.init()]);
  }

  insert(organization: OrganizationRecord): Promise<void> {
    return this.records.insertOne(organization);
  }

  findById(id: string): Promise<OrganizationRecord | null> {
    return this.records.findById(id);
  }

  list(skip: number, limit: number): Promise<{ items: OrganizationRecord[]; total: number }> {
    return this.records.page({}, { sort: { created_at: -1, _id: 1 }, skip, limit });
  }

  update(id: string, changes: Partial<OrganizationRecord>): Promise<OrganizationRecord | null> {
    return this.records.findOneAndUpdate(
      { _id: id },
      { $set: changes },
      { returnDocument: 'after' },
    );
  }

  insertApiKey(key: ApiKeyRecord): Promise<void> {
    return this.keys.insertOne(key);
  }

  listApiKeys(organizationId: string): Promise<ApiKeyRecord[]> {
    return this.keys
      .find({ organization_id: organizationId, revoked_at: null })
      .sort({ created_at: 1 })
      .toArray();
  }

  findActiveKeyByHash(sha256: string): Promise<ApiKeyRecord | null> {
    return this.keys.acrossOrganizations.findOne({ sha256, revoked_at: null });
  }

  async touchApiKey(id: string, at: Date): Promise<void> {
    await this.keys.acrossOrganizations.updateOne({ _id: id }, { $set: { last_used_at: at } });
  }

  revokeApiKey(organizationId: string, keyId: string, at: Date): Promise<ApiKeyRecord | null> {
    return this.keys.findOneAndUpdate(
      { _id: keyId, organization_id: organizationId, revoked_at: null },
      { $set: { revoked_at: at } },
      { returnDocument: 'after' },
    );
  }
}
