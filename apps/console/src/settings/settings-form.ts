import {
  lagoSettingsInputSchema,
  updateOrganizationSchema,
  type LagoSettingsView,
  type OrganizationView,
} from '@portico/contracts';

/**
 * The organization form as the admin API's update: empty optional fields clear (null), embed
 * origins one per line. Validation is the contract's, so the console accepts exactly what the
 * API does.
 */
export function organizationChangesFrom(form: Record<string, string>) {
  const optional = (value: string | undefined) => (value?.trim() ? value.trim() : null);
  return updateOrganizationSchema.safeParse({
    name: form.name ?? '',
    display_name: optional(form.display_name),
    default_document_locale: form.default_document_locale,
    brand_color: optional(form.brand_color),
    logo_url: optional(form.logo_url),
    embed_origins: (form.embed_origins ?? '')
      .split(/\s+/)
      .map((line) => line.trim())
      .filter(Boolean),
  });
}

/** `before → after` of the fields that changed, for the activity log. */
export function describeChanges(
  before: OrganizationView,
  after: OrganizationView,
): { subject: string; before: string; after: string } | null {
  const fields = [
    'name',
    'display_name',
    'default_document_locale',
    'brand_color',
    'logo_url',
    'embed_origins',
  ] as const;
  const changed = fields.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
  if (changed.length === 0) return null;
  const pick = (o: OrganizationView) =>
    JSON.stringify(Object.fromEntries(changed.map((f) => [f, o[f]])));
  return { subject: changed.join(','), before: pick(before), after: pick(after) };
}

/**
 * The Lago bridge form as the admin API's update. The HMAC key is write-only: left empty it keeps
 * its value, and it is cleared only by its own checkbox.
 */
export function lagoChangesFrom(form: Record<string, string>) {
  const optional = (value: string | undefined) => (value?.trim() ? value.trim() : null);
  return lagoSettingsInputSchema.safeParse({
    ...(form.hmac_clear === 'yes'
      ? { hmac_key: null }
      : form.hmac_key?.trim()
        ? { hmac_key: form.hmac_key }
        : {}),
    rsa_public_key: optional(form.rsa_public_key),
    api_url: optional(form.api_url),
  });
}

/** For the activity log: what changed, never a secret itself (only whether one is set). */
export function describeLagoChange(before: LagoSettingsView, after: LagoSettingsView) {
  const pick = (v: LagoSettingsView) =>
    JSON.stringify({
      hmac_key_set: v.hmac_key_set,
      api_key_set: v.api_key_set,
      rsa_public_key: v.rsa_public_key !== null,
      api_url: v.api_url,
    });
  return { subject: 'lago', before: pick(before), after: pick(after) };
}
