import { Injectable, Logger } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  paginationMeta,
  toSupportedLocale,
  type CustomerInput,
  type CustomerView,
  type PortalCustomerField,
  type UpstreamCustomer,
} from '@portico/contracts';
import { nextVersion } from '../common/clock';
import { isDuplicateKeyError } from '../common/mongo-errors';
import { newId } from '../common/new-id';
import { OrganizationsService } from '../organizations/organizations.service';
import { CustomerEvents } from './customer-events';
import {
  judgeUpstream,
  releaseEdits,
  type PortalEdits,
} from '../portal-details/portal-edit-precedence';
import { mergeDetails, namesDetails, usableUpstreamDetails } from './customer-details';
import { toCustomerView } from './customer-views';
import {
  CustomersRepository,
  type CustomerFields,
  type CustomerListFilter,
  type CustomerRecord,
} from './customers.repository';

/** Optimistic writes that lose a race are retried a few times before giving up with a 409. */
const MAX_WRITE_ATTEMPTS = 5;

@Injectable()
export class CustomersService {
  private readonly logger = new Logger(CustomersService.name);

  constructor(
    private readonly repository: CustomersRepository,
    private readonly organizations: OrganizationsService,
    private readonly events: CustomerEvents,
  ) {}

  /** The operator's API: its write is the latest intent, so it always applies. */
  async upsertFromApi(
    organizationId: string,
    input: CustomerInput,
    correlationId?: string,
  ): Promise<{ customer: CustomerView; created: boolean }> {
    const result = await this.write(organizationId, input.external_id, (existing) => {
      const version = nextVersion(existing?.updated_at);
      return {
        fields: {
          ...fieldsFromApi(input),
          ...detailsFor(existing, input, input),
          source_updated_at: version,
          portal_edits: releaseEdits(liveEdits(existing), portalFieldsNamedBy(input)),
        },
        version,
      };
    });
    if (!result) throw new Error('unreachable: API writes always apply');
    await this.events.changed(result.customer, correlationId);
    return { customer: toCustomerView(result.customer), created: result.created };
  }

  /**
   * An upstream customer.created/updated: applied only if newer than what is stored, so
   * duplicates and out-of-order deliveries change nothing.
   */
  async applyUpstream(
    organizationId: string,
    data: UpstreamCustomer,
    redelivered: boolean,
  ): Promise<void> {
    await this.organizations.require(organizationId);
    const version = new Date(data.updated_at);
    const result = await this.write(organizationId, data.external_id, (existing) => {
      const verdict = existing
        ? judgeUpstream(lastUpstreamVersion(existing), liveEdits(existing), version)
        : ({ apply: true, keep: [], edits: null } as const);
      if (!verdict.apply) return undefined;
      // A field the customer edited in the portal after this change was made keeps its value.
      const applied = withoutPortalFields(data, verdict.keep);
      const fields = fieldsFromUpstream(applied, (locale) =>
        this.logger.warn(
          `customer ${data.external_id}: unsupported document_locale "${locale}" ignored`,
        ),
      );
      return {
        fields: {
          ...fields,
          ...detailsFor(existing, applied, usableUpstreamDetails(applied)),
          source_updated_at: version,
          portal_edits: verdict.edits,
        },
        // Strictly increasing, also when a portal edit moved the record past the upstream clock.
        version:
          existing && existing.updated_at >= version ? nextVersion(existing.updated_at) : version,
      };
    });
    if (result) {
      await this.events.changed(result.customer);
    } else if (redelivered) {
      // We may have written and then died before publishing: say it again (consumers dedupe).
      const current = await this.repository.findByExternalId(organizationId, data.external_id);
      if (current) await this.events.changed(current);
    }
  }

  async get(organizationId: string, externalId: string): Promise<CustomerView> {
    return toCustomerView(await this.requireLive(organizationId, externalId));
  }

  async list(organizationId: string, page: number, perPage: number, filter?: CustomerListFilter) {
    const { items, total } = await this.repository.listLive(
      organizationId,
      (page - 1) * perPage,
      perPage,
      filter,
    );
    return { customers: items.map(toCustomerView), meta: paginationMeta(page, perPage, total) };
  }

  async search(organizationId: string, query: string | undefined, page: number, perPage: number) {
    // The console's search is the API's `search_term`: one query, one escaping.
    const { items, total } = await this.repository.listLive(
      organizationId,
      (page - 1) * perPage,
      perPage,
      { searchTerm: query },
    );
    return { customers: items.map(toCustomerView), meta: paginationMeta(page, perPage, total) };
  }

  async delete(
    organizationId: string,
    externalId: string,
    correlationId?: string,
  ): Promise<CustomerView> {
    const deleted = await this.change(organizationId, externalId, (customer) => ({
      deleted_at: new Date(),
      // Tokens minted before the deletion must not open the portal of a re-created customer.
      portal_session_generation: customer.portal_session_generation + 1,
    }));
    await this.events.changed(deleted, correlationId);
    return toCustomerView(deleted);
  }

  async requireLive(organizationId: string, externalId: string): Promise<CustomerRecord> {
    const customer = await this.repository.findByExternalId(organizationId, externalId);
    if (!customer || customer.deleted_at) {
      throw new DomainError(ErrorCode.CustomerNotFound, `customer "${externalId}" not found`);
    }
    return customer;
  }

  /** Changes a live customer under optimistic concurrency; the new version is published. */
  async change(
    organizationId: string,
    externalId: string,
    changesFor: (customer: CustomerRecord) => Partial<CustomerRecord>,
  ): Promise<CustomerRecord> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await this.requireLive(organizationId, externalId);
      const updated = await this.repository.replaceVersion(
        organizationId,
        externalId,
        current.updated_at,
        {
          ...changesFor(current),
          updated_at: nextVersion(current.updated_at),
        },
      );
      if (updated) return updated;
    }
    throw conflict(externalId);
  }

  /**
   * Creates or updates under optimistic concurrency. `decide` sees the stored record (or null)
   * and returns the fields and version to write, or undefined to leave it as it is.
   */
  private async write(
    organizationId: string,
    externalId: string,
    decide: (
      existing: CustomerRecord | null,
    ) => { fields: CustomerFields; version: Date } | undefined,
  ): Promise<{ customer: CustomerRecord; created: boolean } | undefined> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const existing = await this.repository.findByExternalId(organizationId, externalId);
      const decision = decide(existing);
      if (!decision) return undefined;
      if (!existing) {
        const customer: CustomerRecord = {
          _id: newId('cus'),
          organization_id: organizationId,
          external_id: externalId,
          name: null,
          email: null,
          currency: null,
          document_locale: null,
          details: null,
          ...decision.fields,
          portal_session_generation: 0,
          created_at: new Date(),
          updated_at: decision.version,
          deleted_at: null,
        };
        try {
          await this.repository.insert(customer);
          return { customer, created: true };
        } catch (error) {
          if (isDuplicateKeyError(error)) continue; // created concurrently: decide again
          throw error;
        }
      }
      // Re-creating a deleted customer starts from a clean record (keeping its generation).
      const recreated = existing.deleted_at !== null;
      const base = recreated
        ? {
            name: null,
            email: null,
            currency: null,
            document_locale: null,
            details: null,
            created_at: new Date(),
          }
        : {};
      const updated = await this.repository.replaceVersion(
        organizationId,
        externalId,
        existing.updated_at,
        {
          ...base,
          ...decision.fields,
          updated_at: decision.version,
          deleted_at: null,
        },
      );
      if (updated) return { customer: updated, created: recreated };
    }
    throw conflict(externalId);
  }
}

function conflict(externalId: string): DomainError {
  return new DomainError(
    ErrorCode.Conflict,
    `customer "${externalId}" is being changed concurrently; retry`,
  );
}

/** The merged details when the write names any; a deleted customer's old details are not kept. */
function detailsFor(
  existing: CustomerRecord | null,
  input: CustomerInput | UpstreamCustomer,
  values: Parameters<typeof mergeDetails>[1],
): CustomerFields {
  if (!namesDetails(input)) return {};
  const stored = existing && existing.deleted_at === null ? existing.details : null;
  return { details: mergeDetails(stored, values, new Date()) };
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
