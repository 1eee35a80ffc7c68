import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ApiKey } from './api-key.model';
import { Organization } from './organization.model';

export type OrganizationRecord = Organization;
export type ApiKeyRecord = ApiKey;

/** Organizations and their API keys, as plain objects. */
@Injectable()
export class OrganizationsRepository implements OnModuleInit {
  constructor(
    @InjectModel(Organization.name) private readonly organizations: Model<Organization>,
    @InjectModel(ApiKey.name) private readonly apiKeys: Model<ApiKey>,
  ) {}

  /** Indexes exist before the first write, so uniqueness holds from the first request on. */
  async onModuleInit(): Promise<void> {
    await Promise.all([this.organizations.init(), this.apiKeys.init()]);
  }

  async insert(organization: OrganizationRecord): Promise<void> {
    await this.organizations.create(organization);
  }

  findById(id: string): Promise<OrganizationRecord | null> {
    return this.organizations.findById(id).lean<OrganizationRecord>().exec();
  }

  async list(skip: number, limit: number): Promise<{ items: OrganizationRecord[]; total: number }> {
    const [items, total] = await Promise.all([
      this.organizations
        .find()
        .sort({ created_at: -1, _id: 1 })
        .skip(skip)
        .limit(limit)
        .lean<OrganizationRecord[]>()
        .exec(),
      this.organizations.countDocuments().exec(),
    ]);
    return { items, total };
  }

  async update(
    id: string,
    changes: Partial<OrganizationRecord>,
  ): Promise<OrganizationRecord | null> {
    return this.organizations
      .findOneAndUpdate({ _id: id }, { $set: changes }, { returnDocument: 'after' })
      .lean<OrganizationRecord>()
      .exec();
  }

  async insertApiKey(key: ApiKeyRecord): Promise<void> {
    await this.apiKeys.create(key);
  }

  listApiKeys(organizationId: string): Promise<ApiKeyRecord[]> {
    return this.apiKeys
      .find({ organization_id: organizationId, revoked_at: null })
      .sort({ created_at: 1 })
      .lean<ApiKeyRecord[]>()
      .exec();
  }

  findActiveKeyByHash(sha256: string): Promise<ApiKeyRecord | null> {
    return this.apiKeys.findOne({ sha256, revoked_at: null }).lean<ApiKeyRecord>().exec();
  }

  async touchApiKey(id: string, at: Date): Promise<void> {
    await this.apiKeys.updateOne({ _id: id }, { $set: { last_used_at: at } }).exec();
  }

  revokeApiKey(organizationId: string, keyId: string, at: Date): Promise<ApiKeyRecord | null> {
    return this.apiKeys
      .findOneAndUpdate(
        { _id: keyId, organization_id: organizationId, revoked_at: null },
        { $set: { revoked_at: at } },
        { returnDocument: 'after' },
      )
      .lean<ApiKeyRecord>()
      .exec();
  }
}
