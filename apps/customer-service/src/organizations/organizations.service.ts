import { Injectable } from '@nestjs/common';
import {
  DEFAULT_LOCALE,
  DomainError,
  ErrorCode,
  paginationMeta,
  PorticoOrganizationChanged,
  applyPortalSettings,
  type ApiKeyView,
  type OrganizationView,
  type RpcRequest,
  type CreateOrganization,
  type UpdateOrganization,
} from '@portico/contracts';
import { EventPublisher } from '@portico/messaging';
import { nextVersion } from '../common/clock';
import { definedOnly } from '../common/defined-only';
import { isDuplicateKeyError } from '../common/mongo-errors';
import { newId } from '../common/new-id';
import { generateApiKey } from './api-key-secret';
import { toApiKeyView, toOrganizationView, toPortalOrganization } from './organization-views';
import { OrganizationsRepository, type OrganizationRecord } from './organizations.repository';

/** `last_used_at` is a hint for operators, not an audit log: one write per key per minute at most. */
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly repository: OrganizationsRepository,
    private readonly publisher: EventPublisher,
  ) {}

  async create(
    input: RpcRequest<typeof CreateOrganization>,
  ): Promise<{ organization: OrganizationView; api_key: string }> {
    const now = new Date();
    const organization: OrganizationRecord = {
      _id: input.id ?? newId('org'),
      name: input.name,
      display_name: input.display_name ?? null,
      default_document_locale: input.default_document_locale ?? DEFAULT_LOCALE,
      embed_origins: input.embed_origins ?? [],
      brand_color: input.brand_color ?? null,
      logo_url: input.logo_url ?? null,
      portal_settings: applyPortalSettings(null, input.portal_settings ?? {}),
      created_at: now,
      updated_at: now,
    };
    try {
      await this.repository.insert(organization);
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw new DomainError(
          ErrorCode.OrganizationAlreadyExists,
          `an organization with id "${organization._id}" already exists`,
        );
      }
      throw error;
    }
    const { key, record } = await this.issueKey(organization._id, now);
    await this.publishChanged(organization);
    return { organization: toOrganizationView(organization, [record]), api_key: key };
  }

  async get(id: string): Promise<OrganizationView> {
    const organization = await this.require(id);
    return toOrganizationView(organization, await this.repository.listApiKeys(id));
  }

  async list(page: number, perPage: number) {
    const { items, total } = await this.repository.list((page - 1) * perPage, perPage);
    const organizations = await Promise.all(
      items.map(async (org) => toOrganizationView(org, await this.repository.listApiKeys(org._id))),
    );
    return { organizations, meta: paginationMeta(page, perPage, total) };
  }

  async update(
    id: string,
    changes: RpcRequest<typeof UpdateOrganization>['changes'],
  ): Promise<OrganizationView> {
    const current = await this.require(id);
    const { portal_settings: portalChanges, ...settings } = changes;
    const updated = await this.repository.update(id, {
      ...definedOnly(settings),
      ...(portalChanges
        ? { portal_settings: applyPortalSettings(current.portal_settings, portalChanges) }
        : {}),
      updated_at: nextVersion(current.updated_at),
    });
    if (!updated) throw notFound(id);
    await this.publishChanged(updated);
    return toOrganizationView(updated, await this.repository.listApiKeys(id));
  }

  async createApiKey(organizationId: string): Promise<{ api_key: ApiKeyView; key: string }> {
    const organization = await this.require(organizationId);
    const { key, record } = await this.issueKey(organizationId, new Date());
    await this.publishChanged(organization);
    return { api_key: toApiKeyView(record), key };
  }

  async revokeApiKey(organizationId: string, keyId: string): Promise<ApiKeyView> {
    const organization = await this.require(organizationId);
    const revoked = await this.repository.revokeApiKey(organizationId, keyId, new Date());
    if (!revoked) {
      throw new DomainError(
        ErrorCode.ApiKeyNotFound,
        `no active API key "${keyId}" in this organization`,
      );
    }
    // Gateways drop their cached lookups for this organization when they see this event.
    await this.publishChanged(organization);
    return toApiKeyView(revoked);
  }

  async authenticate(sha256: string): Promise<{ organization_id: string }> {
    const key = await this.repository.findActiveKeyByHash(sha256);
    if (!key) throw new DomainError(ErrorCode.Unauthorized, 'invalid or revoked API key');
    const now = Date.now();
    if (!key.last_used_at || now - key.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
      void this.repository.touchApiKey(key._id, new Date(now)).catch(() => undefined);
    }
    return { organization_id: key.organization_id };
  }

  async require(id: string): Promise<OrganizationRecord> {
    const organization = await this.repository.findById(id);
    if (!organization) throw notFound(id);
    return organization;
  }

  private async issueKey(organizationId: string, at: Date) {
    const { key, sha256, prefix } = generateApiKey();
    const record = {
      _id: newId('key'),
      organization_id: organizationId,
      sha256,
      prefix,
      created_at: at,
      last_used_at: null,
      revoked_at: null,
    };
    await this.repository.insertApiKey(record);
    return { key, record };
  }

  /** Tells every gateway (and the invoice-service) that this organization changed. */
  async publishChanged(organization: OrganizationRecord): Promise<void> {
    await this.publisher.publish(PorticoOrganizationChanged, {
      id: newId('evt'),
      organization_id: organization._id,
      occurred_at: new Date().toISOString(),
      data: {
        ...toPortalOrganization(organization),
        updated_at: organization.updated_at.toISOString(),
      },
    });
  }
}

function notFound(id: string): DomainError {
  return new DomainError(ErrorCode.OrganizationNotFound, `organization "${id}" not found`);
}
