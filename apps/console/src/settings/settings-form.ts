import { updateOrganizationSchema, type OrganizationView } from '@portico/contracts';

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
