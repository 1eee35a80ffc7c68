import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ActivityEntry } from './activity-entry.model';

export type ActivityRecord = ActivityEntry;

@Injectable()
export class ActivityRepository implements OnModuleInit {
  constructor(@InjectModel(ActivityEntry.name) private readonly entries: Model<ActivityEntry>) {}

  async onModuleInit(): Promise<void> {
    await this.entries.init();
  }

  async insert(entry: ActivityRecord): Promise<void> {
    await this.entries.create(entry);
  }

  async list(
    organizationId: string,
    externalCustomerId: string | undefined,
    skip: number,
    limit: number,
  ): Promise<{ items: ActivityRecord[]; total: number }> {
    const filter = {
      organization_id: organizationId,
      ...(externalCustomerId !== undefined && { external_customer_id: externalCustomerId }),
    };
    const [items, total] = await Promise.all([
      this.entries
        .find(filter)
        .sort({ at: -1, _id: 1 })
        .skip(skip)
        .limit(limit)
        .lean<ActivityRecord[]>()
        .exec(),
      this.entries.countDocuments(filter).exec(),
    ]);
    return { items, total };
  }
}
