import {
  portalSettingsOf,
  type ApiKeyView,
  type OrganizationView,
  type PortalOrganization,
} from '@portico/contracts';
import type { ApiKeyRecord, OrganizationRecord } from './organizations.repository';

export function toApiKeyView(key: ApiKeyRecord): ApiKeyView {
  return {
    id: key._id,
    prefix: key.prefix,
    created_at: key.created_at.toISOString(),
    last_used_at: key.last_used_at?.toISOString() ?? null,
  };
}

export function toOrganizationView(
  org: OrganizationRecord,
  keys: ApiKeyRecord[],
): OrganizationView {
  return {
    id: org._id,
    name: org.name,
    display_name: org.display_name,
    default_document_locale: org.default_document_locale,
    embed_origins: org.embed_origins,
    brand_color: org.brand_color,
    logo_url: org.logo_url,
    portal_settings: portalSettingsOf(org),
    api_keys: keys.map(toApiKeyView),
    created_at: org.created_at.toISOString(),
    updated_at: org.updated_at.toISOString(),
  };
}

export function toPortalOrganization(org: OrganizationRecord): PortalOrganization {
  const {
    api_keys: _keys,
    created_at: _created,
    updated_at: _updated,
    ...settings
  } = toOrganizationView(org, []);
  return settings;
}
