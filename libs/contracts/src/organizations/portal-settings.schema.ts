import { z } from 'zod';
import {
  PORTAL_CUSTOMER_FIELDS,
  type PortalCustomerField,
} from '../customers/portal-customer-details.schema';

/**
 * What an organization lets its customers do in the portal. Off by default: nothing editable,
 * no wallet top-up, until an operator turns it on.
 */
export const portalSettingsSchema = z.object({
  /** The customer-details fields the customer may correct on the portal's "Your details" page. */
  editable_customer_fields: z
    .array(z.enum(PORTAL_CUSTOMER_FIELDS))
    .max(PORTAL_CUSTOMER_FIELDS.length),
  /** Whether the portal offers a wallet top-up. */
  wallet_top_up: z.boolean(),
});
export type PortalSettings = z.output<typeof portalSettingsSchema>;

export const DEFAULT_PORTAL_SETTINGS: PortalSettings = Object.freeze({
  editable_customer_fields: [],
  wallet_top_up: false,
}) as PortalSettings;

/** A change: omitted keys keep their value; a given field list replaces the stored one. */
export const portalSettingsInputSchema = z
  .object({
    editable_customer_fields: z
      .array(z.enum(PORTAL_CUSTOMER_FIELDS))
      .max(50)
      .transform(inCanonicalOrder),
    wallet_top_up: z.boolean(),
  })
  .partial();
export type PortalSettingsInput = z.output<typeof portalSettingsInputSchema>;

/** Applies a change to the stored settings (or the defaults, for an organization that has none). */
export function applyPortalSettings(
  current: PortalSettings | null | undefined,
  changes: PortalSettingsInput,
): PortalSettings {
  const base = current ?? DEFAULT_PORTAL_SETTINGS;
  return {
    editable_customer_fields: changes.editable_customer_fields ?? [
      ...base.editable_customer_fields,
    ],
    wallet_top_up: changes.wallet_top_up ?? base.wallet_top_up,
  };
}

/** An organization's portal settings; those written before the settings existed get the defaults. */
export function portalSettingsOf(organization: {
  portal_settings?: PortalSettings | null;
}): PortalSettings {
  return organization.portal_settings ?? DEFAULT_PORTAL_SETTINGS;
}

/** Each field once, in the contract's order, so that equal choices are stored alike. */
function inCanonicalOrder(fields: PortalCustomerField[]): PortalCustomerField[] {
  return PORTAL_CUSTOMER_FIELDS.filter((field) => fields.includes(field));
}
