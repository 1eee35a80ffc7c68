import { Global, Module } from '@nestjs/common';
import { ReplicaCaches } from '@portico/messaging';
import { ReplicaCachesConsumer } from './replica-caches.consumer';

/** The instance's replica caches, injectable anywhere: a write invalidates without module imports. */
@Global()
@Module({
  controllers: [ReplicaCachesConsumer],
  providers: [ReplicaCaches],
  exports: [ReplicaCaches],
})
export class CachingModule {}
