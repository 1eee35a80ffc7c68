import { Injectable, Logger } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  paginationMeta,
  type CustomerInput,
  type CustomerView,
  type UpstreamCustomer,
} from '@portico/contracts';
import { nextVersion } from '../common/clock';
import { isDuplicateKeyError } from '../common/mongo-errors';
import { newId } from '../common/new-id';
import { OrganizationsService } from '../organizations/organizations.service';
import { CustomerEvents } from './customer-events';
import {
  apiWrite,
  customerChanges,
  newCustomer,
  upstreamWrite,
  type CustomerRecord,
  type CustomerWrite,
} from './customer-record';
import { toCustomerView } from './customer-views';
import { CustomerDirectory } from './directory/customer-directory';
import { CustomersRepository, type CustomerListFilter } from './customers.repository';

/** Optimistic writes that lose a race are retried a few times before giving up with a 409. */
const MAX_WRITE_ATTEMPTS = 5;

@Injectable()
export class CustomersService {
  private readonly logger = new Logger(CustomersService.name);

  constructor(
    private readonly repository: CustomersRepository,
    private readonly organizations: OrganizationsService,
    private readonly events: CustomerEvents,
    private readonly directory: CustomerDirectory,
  ) {}

  /** The operator's API: its write is the latest intent, so it always applies. */
  async upsertFromApi(
    organizationId: string,
    input: CustomerInput,
    correlationId?: string,
  ): Promise<{ customer: CustomerView; created: boolean }> {
    const result = await this.write(organizationId, input.external_id, (existing, now) =>
      apiWrite(existing, input, now),
    );
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
    const result = await this.write(organizationId, data.external_id, (existing, now) =>
      upstreamWrite(existing, data, now, (locale) =>
        this.logger.warn(
          `customer ${data.external_id}: unsupported document_locale "${locale}" ignored`,
        ),
      ),
    );
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

  /**
   * The console's list and search: from the directory in memory (prefix search, see
   * directory/search-keys.ts); an organization too large for it asks the database, where the
   * search is the API's `search_term` (contains, any case).
   */
  async search(organizationId: string, query: string | undefined, page: number, perPage: number) {
    const found = await this.directory.page(organizationId, query, page, perPage);
    if (found) {
      return { customers: found.items, meta: paginationMeta(page, perPage, found.total) };
    }
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
   * and returns the write to make, or undefined to leave it as it is.
   */
  private async write(
    organizationId: string,
    externalId: string,
    decide: (existing: CustomerRecord | null, now: Date) => CustomerWrite | undefined,
  ): Promise<{ customer: CustomerRecord; created: boolean } | undefined> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const existing = await this.repository.findByExternalId(organizationId, externalId);
      const now = new Date();
      const decision = decide(existing, now);
      if (!decision) return undefined;
      if (!existing) {
        const identity = {
          _id: newId('cus'),
          organization_id: organizationId,
          external_id: externalId,
        };
        const customer = newCustomer(identity, decision, now);
        try {
          await this.repository.insert(customer);
          return { customer, created: true };
        } catch (error) {
          if (isDuplicateKeyError(error)) continue; // created concurrently: decide again
          throw error;
        }
      }
      const { changes, recreated } = customerChanges(existing, decision, now);
      const updated = await this.repository.replaceVersion(
        organizationId,
        externalId,
        existing.updated_at,
        changes,
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
