import {
  ISO_COUNTRY_CODES,
  LOCALES,
  PORTAL_CUSTOMER_FIELDS,
  type PortalCustomerDetails,
  type PortalCustomerField,
} from '@portico/contracts';
import { countryName, formatAddress } from '@portico/i18n';
import type { PortalFrameView } from '../portal-frame';
import { ADDRESS_PARTS, type FieldError } from './account-form';

/** One input of the edit form. */
export interface AccountInputView {
  name: string;
  label: string;
  value: string;
  kind: 'text' | 'email' | 'country' | 'language';
  maxlength: number | null;
  autocomplete: string;
  options: { value: string; label: string; selected: boolean }[];
  error: FieldError | null;
}

export interface ShippingView {
  sameAsBilling: boolean;
  inputs: AccountInputView[];
}

export interface AccountPageView extends PortalFrameView {
  saved: boolean;
  summary: { label: string; lines: string[]; labelKey?: string }[];
  form: {
    action: string;
    formToken: string;
    inputs: AccountInputView[];
    shipping: ShippingView | null;
    hasErrors: boolean;
  } | null;
}

const MAX_LENGTH: Partial<Record<string, number>> = {
  name: 500,
  legal_name: 500,
  legal_number: 255,
  email: 320,
  tax_identification_number: 100,
  address_line1: 255,
  address_line2: 255,
  city: 200,
  zipcode: 50,
  state: 200,
};

const AUTOCOMPLETE: Partial<Record<string, string>> = {
  name: 'name',
  legal_name: 'organization',
  email: 'email',
  address_line1: 'address-line1',
  address_line2: 'address-line2',
  city: 'address-level2',
  state: 'address-level1',
  zipcode: 'postal-code',
  country: 'country',
};

/** The read-only "information" part: every detail, set or not. */
export function summaryView(details: PortalCustomerDetails, locale: string) {
  const plain = (field: PortalCustomerField, value: string | null) => ({
    label: `account.fields.${field}`,
    lines: value ? [value] : [],
  });
  const language = details.document_locale
    ? (LOCALES.find((l) => l.code === details.document_locale)?.native_name ??
      details.document_locale)
    : null;
  return [
    plain('name', details.name),
    plain('legal_name', details.legal_name),
    plain('legal_number', details.legal_number),
    plain('email', details.email),
    plain('tax_identification_number', details.tax_identification_number),
    { label: 'account.billing_address', lines: formatAddress(details, locale) },
    {
      label: 'account.fields.shipping_address',
      lines: formatAddress(details.shipping_address, locale),
      // No shipping address of its own: goods go to the billing address.
      ...(details.shipping_address ? {} : { labelKey: 'account.same_as_billing' }),
    },
    plain('document_locale', language),
  ];
}

/**
 * The form's inputs for the editable fields, in the contract's order, filled with the stored
 * values or, after a refused post, with what the customer typed.
 */
export function formInputs(
  editable: readonly PortalCustomerField[],
  details: PortalCustomerDetails,
  locale: string,
  posted: Record<string, string> | null,
  errors: Record<string, FieldError>,
): { inputs: AccountInputView[]; shipping: ShippingView | null } {
  const inputs = PORTAL_CUSTOMER_FIELDS.filter(
    (field) => field !== 'shipping_address' && editable.includes(field),
  ).map((field) =>
    input(
      field,
      field,
      `account.fields.${field}`,
      posted?.[field] ?? stored(details[field] as string | null),
      locale,
      errors,
    ),
  );
  if (!editable.includes('shipping_address')) return { inputs, shipping: null };
  const shipping = details.shipping_address;
  const sameAsBilling = posted ? posted.shipping_same_as_billing === 'yes' : shipping === null;
  return {
    inputs,
    shipping: {
      sameAsBilling,
      inputs: ADDRESS_PARTS.map((part) =>
        input(
          part,
          `shipping_${part}`,
          `account.fields.${part}`,
          posted?.[`shipping_${part}`] ?? stored(shipping?.[part] ?? null),
          locale,
          errors,
        ),
      ),
    },
  };
}

function input(
  field: string,
  name: string,
  label: string,
  value: string,
  locale: string,
  errors: Record<string, FieldError>,
): AccountInputView {
  const kind =
    field === 'email'
      ? 'email'
      : field === 'country'
        ? 'country'
        : field === 'document_locale'
          ? 'language'
          : 'text';
  return {
    name,
    label,
    value,
    kind,
    maxlength: MAX_LENGTH[field] ?? null,
    autocomplete: name.startsWith('shipping_')
      ? `shipping ${AUTOCOMPLETE[field] ?? 'on'}`
      : (AUTOCOMPLETE[field] ?? 'off'),
    options:
      kind === 'country'
        ? countryOptions(value, locale)
        : kind === 'language'
          ? LOCALES.map((l) => ({
              value: l.code,
              label: l.native_name,
              selected: l.code === value,
            }))
          : [],
    error: errors[name] ?? null,
  };
}

const countryOptionCache = new Map<string, { value: string; label: string }[]>();

/** Every ISO country, named and sorted in the page's language. */
function countryOptions(selected: string, locale: string) {
  let options = countryOptionCache.get(locale);
  if (!options) {
    const collator = new Intl.Collator(locale);
    options = ISO_COUNTRY_CODES.map((code) => ({
      value: code,
      label: countryName(code, locale),
    })).sort((a, b) => collator.compare(a.label, b.label));
    countryOptionCache.set(locale, options);
  }
  const upper = selected.toUpperCase();
  return options.map((o) => ({ ...o, selected: o.value === upper }));
}

function stored(value: string | null | undefined): string {
  return value ?? '';
}
