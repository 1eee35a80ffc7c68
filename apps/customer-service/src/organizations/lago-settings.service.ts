import { Injectable } from '@nestjs/common';
import {
  LAGO_CLOUD_API_URL,
  type LagoApiAccess,
  type LagoSettingsInput,
  type LagoSettingsView,
  type LagoWebhookKeys,
} from '@portico/contracts';
import { definedOnly } from '../common/defined-only';
import { LagoSettingsRepository, type LagoSettingsRecord } from './lago-settings.repository';
import { OrganizationsService } from './organizations.service';

@Injectable()
export class LagoSettingsService {
  constructor(
    private readonly repository: LagoSettingsRepository,
    private readonly organizations: OrganizationsService,
  ) {}

  async get(organizationId: string): Promise<LagoSettingsView> {
    await this.organizations.require(organizationId);
    return toView(await this.repository.find(organizationId));
  }

  async update(organizationId: string, changes: LagoSettingsInput): Promise<LagoSettingsView> {
    const organization = await this.organizations.require(organizationId);
    const updated = await this.repository.upsert(organizationId, {
      ...definedOnly(changes),
      updated_at: new Date(),
    });
    // Gateways cache the keys per instance and drop them when they hear this.
    await this.organizations.publishChanged(organization);
    return toView(updated);
  }

  async webhookKeys(organizationId: string): Promise<LagoWebhookKeys> {
    await this.organizations.require(organizationId);
    const settings = await this.repository.find(organizationId);
    return {
      hmac_key: settings?.hmac_key ?? null,
      rsa_public_key: settings?.rsa_public_key ?? null,
      api_url: settings?.api_url ?? LAGO_CLOUD_API_URL,
    };
  }

  async apiAccess(organizationId: string): Promise<LagoApiAccess | null> {
    await this.organizations.require(organizationId);
    const settings = await this.repository.find(organizationId);
    if (!settings?.api_key) return null;
    return { api_url: settings.api_url ?? LAGO_CLOUD_API_URL, api_key: settings.api_key };
  }
}

function toView(settings: LagoSettingsRecord | null): LagoSettingsView {
  return {
    hmac_key_set: Boolean(settings?.hmac_key),
    api_key_set: Boolean(settings?.api_key),
    rsa_public_key: settings?.rsa_public_key ?? null,
    api_url: settings?.api_url ?? LAGO_CLOUD_API_URL,
    updated_at: settings?.updated_at.toISOString() ?? null,
  };
}
