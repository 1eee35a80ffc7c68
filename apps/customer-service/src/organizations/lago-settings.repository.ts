import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { plainCollectionOf, type PlainCollection } from '@portico/persistence';
import type { Model } from 'mongoose';
import { LagoSettings } from './lago-settings.model';

export type LagoSettingsRecord = LagoSettings;
type LagoSettingsChanges = Partial<Omit<LagoSettingsRecord, '_id'>>;

/** What settings hold until set (the schema's defaults): no keys, Lago Cloud's API. */
const UNSET = { hmac_key: null, api_key: null, rsa_public_key: null, api_url: null } as const;

/**
 * Each organization's Lago settings, as plain objects keyed by the organization's id (no other
 * organization field to scope by).
 */
@Injectable()
export class LagoSettingsRepository {
  private readonly records: PlainCollection<LagoSettingsRecord>;

  constructor(@InjectModel(LagoSettings.name) settings: Model<LagoSettings>) {
    this.records = plainCollectionOf(settings);
  }

  find(organizationId: string): Promise<LagoSettingsRecord | null> {
    return this.records.findById(organizationId);
  }

  async upsert(organizationId: string, changes: LagoSettingsChanges): Promise<LagoSettingsRecord> {
    const stored = await this.records.findOneAndUpdate(
      { _id: organizationId },
      { $set: changes, $setOnInsert: unsetBesides(changes) },
      { returnDocument: 'after', upsert: true },
    );
    if (!stored) throw new Error(`the Lago settings of ${organizationId} were not stored`);
    return stored;
  }
}

/** The defaults a first write stores for the fields it does not set. */
export function unsetBesides(changes: LagoSettingsChanges): Partial<typeof UNSET> {
  return Object.fromEntries(
    Object.entries(UNSET).filter(([field]) => changes[field as keyof typeof UNSET] === undefined),
  );
}
