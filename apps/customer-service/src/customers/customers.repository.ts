import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { tenantCollectionOf, type TenantCollection, type TenantFilter } from '@portico/persistence';
import type { Model } from 'mongoose';
import type { CustomerRecord } from './customer-record';
import { Customer } from './customer.model';

export type { CustomerFields, CustomerRecord } from './customer-record';

/** Lago's list filters, as customer-service applies them. */
export interface CustomerListFilter {
  searchTerm?: string;
  countries?: string[];
  currencies?: string[];
  customerType?: string;
  hasTaxIdentificationNumber?: boolean;
}

const SEARCHED_FIELDS = [
  'external_id',
  'name',
  'email',
  'details.firstname',
  'details.lastname',
  'details.legal_name',
];

/**
 * Customers as plain objects; every query and write is scoped by organization. The model gives
 * the collection its indexes; new records get their defaults from `newCustomer`.
 */
@Injectable()
export class CustomersRepository implements OnModuleInit {
  private readonly records: TenantCollection<CustomerRecord>;

  constructor(@InjectModel(Customer.name) private readonly customers: Model<Customer>) {
    this.records = tenantCollectionOf(customers);
  }

  async onModuleInit(): Promise<void> {
    await this.customers.init();
  }

  /** Includes tombstones: callers decide what a deleted customer means for them. */
  findByExternalId(organizationId: string, externalId: string): Promise<CustomerRecord | null> {
    return this.records.findOne({ organization_id: organizationId, external_id: externalId });
  }

  findLiveById(organizationId: string, id: string): Promise<CustomerRecord | null> {
    return this.records.findOne({ _id: id, organization_id: organizationId, deleted_at: null });
  }

  insert(customer: CustomerRecord): Promise<void> {
    return this.records.insertOne(customer);
  }

  /**
   * Applies `changes` only if the stored version is still `expectedVersion` (optimistic
   * concurrency); returns the new record, or null if someone else wrote first.
   */
  replaceVersion(
    organizationId: string,
    externalId: string,
    expectedVersion: Date,
    changes: Partial<CustomerRecord>,
  ): Promise<CustomerRecord | null> {
    return this.records.findOneAndUpdate(
      { organization_id: organizationId, external_id: externalId, updated_at: expectedVersion },
      { $set: changes },
      { returnDocument: 'after' },
    );
  }

  /** Clears the outbox once its event is confirmed; not a new version of the customer. */
  async clearPortalEventOutbox(
    organizationId: string,
    externalId: string,
    eventId: string,
  ): Promise<void> {
    await this.records.updateOne(
      {
        organization_id: organizationId,
        external_id: externalId,
        'portal_event_outbox.id': eventId,
      },
      { $set: { portal_event_outbox: null } },
    );
  }

  /**
   * Every live customer of the organization, for the console's directory; undefined as soon as
   * there are more than `max` (the caller then keeps to the database query).
   */
  async allLive(organizationId: string, max: number): Promise<CustomerRecord[] | undefined> {
    const records: CustomerRecord[] = [];
    // Only the organization in the filter: the one condition every engine answers from an index.
    const cursor = this.records.find({ organization_id: organizationId }, { batchSize: 1_000 });
    try {
      for await (const record of cursor) {
        if (record.deleted_at) continue;
        if (records.length === max) return undefined;
        records.push(record);
      }
    } finally {
      await cursor.close();
    }
    return records;
  }

  listLive(
    organizationId: string,
    skip: number,
    limit: number,
    by: CustomerListFilter = {},
  ): Promise<{ items: CustomerRecord[]; total: number }> {
    const filter: TenantFilter<CustomerRecord> = {
      organization_id: organizationId,
      deleted_at: null,
    };
    if (by.searchTerm) {
      // Literal, any case: the term is escaped, so `.*` in it matches only ".*".
      const pattern = new RegExp(escapeRegex(by.searchTerm), 'i');
      filter.$or = SEARCHED_FIELDS.map((field) => ({ [field]: pattern }));
    }
    if (by.countries) filter['details.country'] = { $in: by.countries };
    if (by.currencies) filter.currency = { $in: by.currencies };
    if (by.customerType) filter['details.customer_type'] = by.customerType;
    if (by.hasTaxIdentificationNumber === true) {
      filter['details.tax_identification_number'] = { $type: 'string' };
    } else if (by.hasTaxIdentificationNumber === false) {
      filter['details.tax_identification_number'] = null;
    }
    return this.records.page(filter, { sort: { created_at: -1, _id: 1 }, skip, limit });
  }
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
