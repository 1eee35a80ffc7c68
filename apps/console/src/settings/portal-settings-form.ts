import {
  PORTAL_CUSTOMER_FIELDS,
  portalSettingsInputSchema,
  portalSettingsOf,
  type OrganizationView,
  type PortalSettings,
} from '@portico/contracts';

/**
 * The portal settings form as the admin API's replace: an unticked box is absent from a posted
 * form, so every field not sent is not editable and the top-up is off unless ticked.
 */
export function portalSettingsChangesFrom(form: Record<string, string | string[] | undefined>) {
  const ticked = form.editable_customer_fields;
  return portalSettingsInputSchema.required().safeParse({
    editable_customer_fields: ticked === undefined ? [] : [ticked].flat(),
    wallet_top_up: form.wallet_top_up === 'yes',
  });
}

/** One checkbox per field customers could be allowed to edit, ticked when they may. */
export function portalSettingsView(organization: OrganizationView) {
  const settings = portalSettingsOf(organization);
  return {
    fields: PORTAL_CUSTOMER_FIELDS.map((field) => ({
      value: field,
      label: `account.fields.${field}`,
      checked: settings.editable_customer_fields.includes(field),
    })),
    walletTopUp: settings.wallet_top_up,
  };
}

/** For the activity log. */
export function describePortalSettingsChange(before: PortalSettings, after: PortalSettings) {
  return {
    subject: 'portal_settings',
    before: JSON.stringify(before),
    after: JSON.stringify(after),
  };
}
