import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import {
  DATABASE_CLIENT_SETTINGS,
  DatabaseClientWatchdog,
  type DatabaseClientSettings,
} from './client-watchdog';
import { DatabaseHealth } from './database-health';

export interface DatabaseOptions {
  uri: string;
  database: string;
}

/**
 * A service's own MongoDB database (database per service). Works against MongoDB 6+ and
 * FerretDB 1.24 alike, which is why repositories keep to the query subset in docs/architecture.md.
 */
@Module({})
export class PersistenceModule {
  static forRoot({ uri, database }: DatabaseOptions): DynamicModule {
    const settings: DatabaseClientSettings = {
      uri,
      options: {
        dbName: database,
        serverSelectionTimeoutMS: 5_000,
        // The monitor's pace, stated so that DatabaseClientWatchdog can tell silence from a slow check.
        heartbeatFrequencyMS: 10_000,
        connectTimeoutMS: 10_000,
        // No operation may hang a consumer for ever on a half-dead connection or a wedged pool:
        // each ends in a driver timeout, which the consumer treats as an outage and waits out.
        socketTimeoutMS: 60_000,
        waitQueueTimeoutMS: 30_000,
        // Mongoose queues operations while it believes the connection is down, and after a
        // database restart it could go on believing so while the driver had reconnected: every
        // retry then timed out in the queue and a paused consumer never resumed. Without the
        // queue each operation goes to the driver, which selects a server or fails in
        // serverSelectionTimeoutMS, and the consumer's outage wait sees the real state.
        bufferCommands: false,
      },
    };
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        MongooseModule.forRoot(uri, { ...settings.options, retryAttempts: 10, retryDelay: 2_000 }),
      ],
      providers: [
        DatabaseHealth,
        DatabaseClientWatchdog,
        { provide: DATABASE_CLIENT_SETTINGS, useValue: settings },
      ],
      exports: [DatabaseHealth],
    };
  }
}
