import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CustomerView } from '@portico/contracts';
import { AmqpConnection } from '@portico/messaging';
import { CustomerServiceConfig } from '../../config/customer-service.config';
import { toCustomerView } from '../customer-views';
import { CustomersRepository } from '../customers.repository';
import {
  directoryEntry,
  OrganizationDirectory,
  type DirectoryEntry,
} from './organization-directory';

/** Rebuilt from the database this often, should an announcement have been missed. */
const MAX_AGE_MS = 10 * 60_000;
/** An organization too large for the directory asks the database again after this. */
const TOO_LARGE_RETRY_MS = 10 * 60_000;

interface Slot {
  directory?: OrganizationDirectory;
  loadedAt: number;
  /** A load in progress, and the changes heard meanwhile (applied once it is done). */
  loading?: Promise<OrganizationDirectory | undefined>;
  pending: { entry: DirectoryEntry; deleted: boolean }[];
  tooLargeUntil?: number;
}

/**
 * The console's customer list and search, answered from memory: per organization, its live
 * customers in list order with a sorted index of their search keys. FerretDB cannot index a
 * sorted page or a prefix search (it reads and sorts the whole organization per request), so
 * customer-service loads each organization once (one indexed read) and keeps it current with
 * every change it writes or hears announced (`portico.customer.changed`, per instance). Bounded:
 * `CUSTOMER_DIRECTORY_MAX_CUSTOMERS` over all organizations, least recently searched out first;
 * a larger organization keeps to the database query. Rebuilt every 10 minutes (served meanwhile)
 * and dropped on a broker reconnect, when announcements may have been missed.
 */
@Injectable()
export class CustomerDirectory {
  private readonly logger = new Logger(CustomerDirectory.name);
  /** Insertion order is recency: a search moves its organization to the end. */
  private readonly slots = new Map<string, Slot>();
  private readonly maxCustomers: number;

  constructor(
    private readonly repository: CustomersRepository,
    @Inject(CustomerServiceConfig) config: CustomerServiceConfig,
    connection: AmqpConnection,
  ) {
    this.maxCustomers = config.directory.maxCustomers;
    connection.on('connected', () => this.slots.clear());
  }

  /** A page of the organization's customers (matching `query`), or undefined: ask the database. */
  async page(organizationId: string, query: string | undefined, page: number, perPage: number) {
    const directory = await this.directoryOf(organizationId);
    return directory?.page(query, page, perPage);
  }

  /** A customer as it now is (after a write here, or announced by another instance). */
  apply(organizationId: string, view: CustomerView, deleted: boolean): void {
    const slot = this.slots.get(organizationId);
    if (!slot) return;
    const change = { entry: directoryEntry(view), deleted };
    slot.directory?.apply(change.entry, change.deleted);
    if (slot.loading) slot.pending.push(change);
  }

  forget(organizationId: string): void {
    this.slots.delete(organizationId);
  }

  private async directoryOf(organizationId: string): Promise<OrganizationDirectory | undefined> {
    if (this.maxCustomers === 0) return undefined;
    const now = Date.now();
    let slot = this.slots.get(organizationId);
    if (slot?.tooLargeUntil && slot.tooLargeUntil > now) return undefined;
    if (!slot || slot.tooLargeUntil) {
      slot = { loadedAt: 0, pending: [] };
    }
    this.slots.delete(organizationId);
    this.slots.set(organizationId, slot);
    if (!slot.loading && now - slot.loadedAt > MAX_AGE_MS) this.load(organizationId, slot);
    // A directory past its age is still served while its successor loads.
    return slot.directory ?? slot.loading;
  }

  private load(organizationId: string, slot: Slot): void {
    slot.pending = [];
    slot.loading = this.repository
      .allLive(organizationId, this.maxCustomers)
      .then((records) => {
        if (!records) {
          slot.tooLargeUntil = Date.now() + TOO_LARGE_RETRY_MS;
          slot.directory = undefined;
          return undefined;
        }
        const directory = new OrganizationDirectory(
          records.map((record) => directoryEntry(toCustomerView(record))),
        );
        for (const { entry, deleted } of slot.pending) directory.apply(entry, deleted);
        slot.directory = directory;
        slot.loadedAt = Date.now();
        this.evictBeyondBound();
        return directory;
      })
      .catch((error: unknown) => {
        // The next search tries again; this one asks the database.
        this.logger.warn(`loading the directory of ${organizationId} failed: ${String(error)}`);
        return slot.directory;
      })
      .finally(() => {
        slot.loading = undefined;
        slot.pending = [];
      });
  }

  private evictBeyondBound(): void {
    let held = 0;
    for (const slot of this.slots.values()) held += slot.directory?.size ?? 0;
    for (const [organizationId, slot] of this.slots) {
      if (held <= this.maxCustomers) break;
      held -= slot.directory?.size ?? 0;
      if (!slot.loading) this.slots.delete(organizationId);
    }
  }
}
