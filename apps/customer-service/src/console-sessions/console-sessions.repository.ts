import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ConsoleSession } from './console-session.model';

export type ConsoleSessionRecord = ConsoleSession;

@Injectable()
export class ConsoleSessionsRepository implements OnModuleInit {
  constructor(@InjectModel(ConsoleSession.name) private readonly sessions: Model<ConsoleSession>) {}

  async onModuleInit(): Promise<void> {
    await this.sessions.init();
  }

  async insert(session: ConsoleSessionRecord): Promise<void> {
    await this.sessions.create(session);
  }

  findOpenByToken(tokenSha256: string): Promise<ConsoleSessionRecord | null> {
    return this.sessions
      .findOne({ token_sha256: tokenSha256, closed_at: null })
      .lean<ConsoleSessionRecord>()
      .exec();
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.sessions.updateOne({ _id: id }, { $set: { last_seen_at: at } }).exec();
  }

  async close(id: string, at: Date): Promise<number> {
    const result = await this.sessions
      .updateOne({ _id: id, closed_at: null }, { $set: { closed_at: at } })
      .exec();
    return result.modifiedCount;
  }

  async closeAllOf(organizationId: string, operatorId: string, at: Date): Promise<number> {
    const result = await this.sessions
      .updateMany(
        { organization_id: organizationId, operator_id: operatorId, closed_at: null },
        { $set: { closed_at: at } },
      )
      .exec();
    return result.modifiedCount;
  }
}
