import {
  toSupportedLocale,
  type CustomerInput,
  type PortalCustomerField,
  type UpstreamCustomer,
} from '@portico/contracts';
import { nextVersion } from '../common/clock';
import {
  judgeUpstream,
  releaseEdits,
  type PortalEdits,
} from '../portal-details/portal-edit-precedence';
import { mergeDetails, namesDetails, usableUpstreamDetails } from './customer-details';
import type { Customer } from './customer.model';

/** A customer as stored and as the repository returns it: a plain object. */
export type CustomerRecord = Customer;

/** The fields a write from the API or upstream may set. */
export type CustomerFields = Partial<
  Pick<
    CustomerRecord,
    | 'name'
    | 'email'
    | 'currency'
    | 'document_locale'
    | 'details'
    | 'source_updated_at'
    | 'portal_edits'
  >
>;

/** What a write does to a customer: the fields it sets and the version it stores them as. */
export interface CustomerWrite {
  fields: CustomerFields;
  version: Date;
}

/** Who a customer is: what a first write needs besides its fields. */
export interface CustomerIdentity {
  _id: string;
  organization_id: string;
  external_id: string;
}

/** The operator's API: its write is the latest intent, so it always applies. */
export function apiWrite(
  existing: CustomerRecord | null,
  input: CustomerInput,
  now: Date,
): CustomerWrite {
  const version = nextVersion(existing?.updated_at, now.getTime());
  return {
    fields: {
      ...fieldsFromApi(input),
      ...detailsFor(existing, input, input, now),
      source_updated_at: version,
      portal_edits: releaseEdits(liveEdits(existing), portalFieldsNamedBy(input)),
    },
    version,
  };
}

/**
 * An upstream customer.created/updated: undefined unless newer than the last upstream write, so
 * duplicates and out-of-order deliveries change nothing.
 */
export function upstreamWrite(
  existing: CustomerRecord | null,
  data: UpstreamCustomer,
  now: Date,
  onUnsupportedLocale: (locale: string) => void,
): CustomerWrite | undefined {
  const version = new Date(data.updated_at);
  const verdict = existing
    ? judgeUpstream(lastUpstreamVersion(existing), liveEdits(existing), version)
    : ({ apply: true, keep: [], edits: null } as const);
  if (!verdict.apply) return undefined;
  // A field the customer edited in the portal after this change was made keeps its value.
  const applied = withoutPortalFields(data, verdict.keep);
  return {
    fields: {
      ...fieldsFromUpstream(applied, onUnsupportedLocale),
      ...detailsFor(existing, applied, usableUpstreamDetails(applied), now),
      source_updated_at: version,
      portal_edits: verdict.edits,
    },
    // Strictly increasing, also when a portal edit moved the record past the upstream clock.
    version:
      existing && existing.updated_at >= version
        ? nextVersion(existing.updated_at, now.getTime())
        : version,
  };
}

/** The record a customer's first write stores, every field given (the schema's defaults). */
export function newCustomer(
  identity: CustomerIdentity,
  write: CustomerWrite,
  now: Date,
): CustomerRecord {
  return {
    ...identity,
    name: null,
    email: null,
    currency: null,
    document_locale: null,
    details: null,
    source_updated_at: null,
    portal_edits: null,
    ...write.fields,
    portal_event_outbox: null,
    portal_session_generation: 0,
    created_at: now,
    updated_at: write.version,
    deleted_at: null,
  };
}

/**
 * What a write changes in a stored customer. Re-creating a deleted customer starts from a clean
 * record (keeping its session generation, so its old portal tokens stay revoked).
 */
export function customerChanges(
  existing: CustomerRecord,
  write: CustomerWrite,
  now: Date,
): { changes: Partial<CustomerRecord>; recreated: boolean } {
  const recreated = existing.deleted_at !== null;
  const base = recreated
    ? {
        name: null,
        email: null,
        currency: null,
        document_locale: null,
        details: null,
        created_at: now,
      }
    : {};
  return {
    changes: { ...base, ...write.fields, updated_at: write.version, deleted_at: null },
    recreated,
  };
}

/** The merged details when the write names any; a deleted customer's old details are not kept. */
function detailsFor(
  existing: CustomerRecord | null,
  input: CustomerInput | UpstreamCustomer,
  values: Parameters<typeof mergeDetails>[1],
  now: Date,
): CustomerFields {
  if (!namesDetails(input)) return {};
  const stored = existing && existing.deleted_at === null ? existing.details : null;
  return { details: mergeDetails(stored, values, now) };
}

function fieldsFromApi(input: CustomerInput): CustomerFields {
  const fields: CustomerFields = {};
  if (input.name !== undefined) fields.name = input.name;
  if (input.email !== undefined) fields.email = input.email;
  if (input.currency !== undefined) fields.currency = input.currency;
  const locale = input.billing_configuration?.document_locale;
  if (locale !== undefined) fields.document_locale = locale;
  return fields;
}

function fieldsFromUpstream(
  data: UpstreamCustomer,
  onUnsupported: (locale: string) => void,
): CustomerFields {
  const fields: CustomerFields = {};
  if (data.name !== undefined) fields.name = data.name;
  if (data.email !== undefined) fields.email = data.email;
  if (data.currency !== undefined) fields.currency = data.currency;
  const locale = data.billing_configuration?.document_locale;
  if (locale === null) fields.document_locale = null;
  else if (locale !== undefined) {
    const supported = toSupportedLocale(locale);
    if (!supported) onUnsupported(locale);
    fields.document_locale = supported ?? null;
  }
  return fields;
}

/**
 * The version upstream writes are compared with. A tombstone's own version counts, so that a
 * late upstream update cannot bring a deleted customer back.
 */
function lastUpstreamVersion(customer: CustomerRecord): Date {
  if (customer.deleted_at) return customer.updated_at;
  return customer.source_updated_at ?? customer.updated_at;
}

/** A deleted customer's edits are gone with it. */
function liveEdits(customer: CustomerRecord | null): PortalEdits | null {
  return customer && !customer.deleted_at ? (customer.portal_edits ?? null) : null;
}

/** The upstream customer without the fields whose portal value stays. */
function withoutPortalFields(
  data: UpstreamCustomer,
  keep: readonly PortalCustomerField[],
): UpstreamCustomer {
  if (keep.length === 0) return data;
  const copy: Record<string, unknown> = { ...data };
  for (const field of keep) {
    if (field === 'document_locale') {
      const { document_locale: _dropped, ...rest } = data.billing_configuration ?? {};
      copy.billing_configuration = rest;
    } else delete copy[field];
  }
  return copy as UpstreamCustomer;
}

/** The portal fields an API write names (it then owns them again). */
function portalFieldsNamedBy(input: CustomerInput): PortalCustomerField[] {
  const named = (Object.keys(input) as string[]).filter(
    (key) => (input as Record<string, unknown>)[key] !== undefined,
  );
  const fields = named.filter((key) => key !== 'billing_configuration') as PortalCustomerField[];
  if (input.billing_configuration?.document_locale !== undefined) fields.push('document_locale');
  return fields;
}
