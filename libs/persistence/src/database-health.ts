import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

export interface DependencyStatus {
  status: 'up' | 'down';
  message?: string;
}

@Injectable()
export class DatabaseHealth {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async check(timeoutMs = 2_000): Promise<DependencyStatus> {
    const db = this.connection.db;
    if (!db || this.connection.readyState !== 1)
      return { status: 'down', message: 'not connected' };
    try {
      await Promise.race([
        db.command({ ping: 1 }),
        new Promise((_, reject) =>
          setTimeout(
            () => reject(new Error(`no answer within ${timeoutMs} ms`)),
            timeoutMs,
          ).unref(),
        ),
      ]);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', message: (error as Error).message };
    }
  }
}
