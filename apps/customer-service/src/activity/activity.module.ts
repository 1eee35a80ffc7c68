import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ActivityEntry, ActivityEntrySchema } from './activity-entry.model';
import { ActivityRepository } from './activity.repository';
import { ActivityRpcHandler } from './activity.rpc-handler';

@Module({
  imports: [MongooseModule.forFeature([{ name: ActivityEntry.name, schema: ActivityEntrySchema }])],
  controllers: [ActivityRpcHandler],
  providers: [ActivityRepository],
})
export class ActivityModule {}
