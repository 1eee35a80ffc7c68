import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
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
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        MongooseModule.forRoot(uri, {
          dbName: database,
          serverSelectionTimeoutMS: 5_000,
          // No operation may hang a consumer for ever on a half-dead connection or a wedged pool:
          // each ends in a driver timeout, which the consumer treats as an outage and waits out.
          socketTimeoutMS: 60_000,
          waitQueueTimeoutMS: 30_000,
          retryAttempts: 10,
          retryDelay: 2_000,
        }),
      ],
      providers: [DatabaseHealth],
      exports: [DatabaseHealth],
    };
  }
}
