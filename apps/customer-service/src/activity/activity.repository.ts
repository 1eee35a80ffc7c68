import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { tenantCollectionOf, type TenantCollection } from '@portico/persistence';
import type { Model } from 'mongoose';
import { ActivityEntry } from './activity-entry.model';

export type ActivityRecord = ActivityEntry;

/** The activity log as plain objects, per organization; entries arrive complete (the RPC's schema). */
@Injectable()
export class ActivityRepository implements OnModuleInit {
  private readonly records: TenantCollection<ActivityRecord>;

  constructor(@InjectModel(ActivityEntry.name) private readonly entries: Model<ActivityEntry>) {
    this.records = tenantCollectionOf(entries);
  }

  async onModuleInit(): Promise<void> {
    await this.entries.init();
  }

  insert(entry: ActivityRecord): Promise<void> {
    return this.records.insertOne(entry);
  }

  list(
    organizationId: string,
    externalCustomerId: string | undefined,
    skip: number,
    limit: number,
  ): Promise<{ items: ActivityRecord[]; total: number }> {
    const filter = {
      organization_id: organizationId,
      ...(externalCustomerId !== undefined && { external_customer_id: externalCustomerId }),
    };
    return this.records.page(filter, { sort: { at: -1, _id: 1 }, skip, limit });
  }
}
