import type {
  Address,
  CustomerDetails,
  CustomerInput,
  CustomerMetadata,
  UpstreamCustomer,
} from '@portico/contracts';
import { newId } from '../common/new-id';

const EMPTY: CustomerDetails = {
  firstname: null,
  lastname: null,
  customer_type: null,
  legal_name: null,
  legal_number: null,
  tax_identification_number: null,
  phone: null,
  url: null,
  address_line1: null,
  address_line2: null,
  city: null,
  state: null,
  zipcode: null,
  country: null,
  shipping_address: null,
  timezone: null,
  metadata: null,
};
const SCALARS = [
  'firstname',
  'lastname',
  'customer_type',
  'legal_name',
  'legal_number',
  'tax_identification_number',
  'phone',
  'url',
  'address_line1',
  'address_line2',
  'city',
  'state',
  'zipcode',
  'country',
  'timezone',
] as const;

type DetailsInput = Partial<Record<(typeof SCALARS)[number], string | null>> & {
  shipping_address?: Partial<Address> | null;
  metadata?: { key: string; value: string | null; display_in_invoice: boolean }[] | null;
};

/**
 * The stored details after a write: an omitted field keeps its value, null clears it, a given
 * metadata list replaces the stored one (an entry whose key was already there keeps its id and
 * creation date, as Lago keeps them).
 */
export function mergeDetails(
  stored: CustomerDetails | null,
  input: DetailsInput,
  now: Date,
): CustomerDetails {
  const merged: CustomerDetails = { ...EMPTY, ...stored };
  for (const field of SCALARS) {
    const value = input[field];
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[field] = value;
  }
  if (input.shipping_address !== undefined) {
    const shipping = input.shipping_address;
    merged.shipping_address = shipping && {
      address_line1: shipping.address_line1 ?? null,
      address_line2: shipping.address_line2 ?? null,
      city: shipping.city ?? null,
      state: shipping.state ?? null,
      zipcode: shipping.zipcode ?? null,
      country: shipping.country ?? null,
    };
  }
  if (input.metadata !== undefined) {
    const before = new Map((stored?.metadata ?? []).map((entry) => [entry.key, entry]));
    merged.metadata =
      input.metadata &&
      input.metadata.map((entry): CustomerMetadata => ({
        lago_id: before.get(entry.key)?.lago_id ?? newId('cmd'),
        key: entry.key,
        value: entry.value ?? '',
        display_in_invoice: entry.display_in_invoice,
        created_at: before.get(entry.key)?.created_at ?? now.toISOString(),
      }));
  }
  return merged;
}

/** True when the input names any detail at all (otherwise the stored details are left alone). */
export function namesDetails(input: CustomerInput | UpstreamCustomer): boolean {
  return (
    SCALARS.some((field) => input[field] !== undefined) ||
    input.shipping_address !== undefined ||
    input.metadata !== undefined
  );
}

/** An upstream's values Portico cannot use become null rather than failing the whole customer. */
export function usableUpstreamDetails(data: UpstreamCustomer): DetailsInput {
  const country = (value: string | null | undefined) =>
    value === undefined
      ? undefined
      : value && /^[A-Za-z]{2}$/.test(value)
        ? value.toUpperCase()
        : null;
  return {
    ...data,
    url:
      data.url === undefined
        ? undefined
        : data.url && /^https?:\/\//i.test(data.url)
          ? data.url
          : null,
    country: country(data.country),
    shipping_address: data.shipping_address && {
      ...data.shipping_address,
      country: country(data.shipping_address.country) ?? null,
    },
    timezone:
      data.timezone === undefined
        ? undefined
        : data.timezone && isTimeZone(data.timezone)
          ? data.timezone
          : null,
  };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
