import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { LagoSettings } from './lago-settings.model';

export type LagoSettingsRecord = LagoSettings;

/** Each organization's Lago settings, as plain objects. */
@Injectable()
export class LagoSettingsRepository {
  constructor(@InjectModel(LagoSettings.name) private readonly settings: Model<LagoSettings>) {}

  find(organizationId: string): Promise<LagoSettingsRecord | null> {
    return this.settings.findById(organizationId).lean<LagoSettingsRecord>().exec();
  }

  async upsert(
    organizationId: string,
    changes: Partial<Omit<LagoSettingsRecord, '_id'>>,
  ): Promise<LagoSettingsRecord> {
    return this.settings
      .findOneAndUpdate(
        { _id: organizationId },
        { $set: changes },
        { returnDocument: 'after', upsert: true, setDefaultsOnInsert: true },
      )
      .lean<LagoSettingsRecord>()
      .orFail()
      .exec();
  }
}
