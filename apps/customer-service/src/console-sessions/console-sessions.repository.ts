import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { tenantCollectionOf, type TenantCollection } from '@portico/persistence';
import type { Model } from 'mongoose';
import { ConsoleSession } from './console-session.model';

export type ConsoleSessionRecord = ConsoleSession;

/**
 * Console sessions as plain objects. A session is found by its token's hash, which tells its
 * organization, and then written by its id; closing all of an operator's is per organization.
 */
@Injectable()
export class ConsoleSessionsRepository implements OnModuleInit {
  private readonly records: TenantCollection<ConsoleSessionRecord>;

  constructor(@InjectModel(ConsoleSession.name) private readonly sessions: Model<ConsoleSession>) {
    this.records = tenantCollectionOf(sessions);
  }

  async onModuleInit(): Promise<void> {
    await this.sessions.init();
  }

  insert(session: ConsoleSessionRecord): Promise<void> {
    return this.records.insertOne(session);
  }

  findOpenByToken(tokenSha256: string): Promise<ConsoleSessionRecord | null> {
    return this.records.acrossOrganizations.findOne({
      token_sha256: tokenSha256,
      closed_at: null,
    });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.records.acrossOrganizations.updateOne({ _id: id }, { $set: { last_seen_at: at } });
  }

  async close(id: string, at: Date): Promise<number> {
    const result = await this.records.acrossOrganizations.updateOne(
      { _id: id, closed_at: null },
      { $set: { closed_at: at } },
    );
    return result.modifiedCount;
  }

  async closeAllOf(organizationId: string, operatorId: string, at: Date): Promise<number> {
    const result = await this.records.updateMany(
      { organization_id: organizationId, operator_id: operatorId, closed_at: null },
      { $set: { closed_at: at } },
    );
    return result.modifiedCount;
  }
}
