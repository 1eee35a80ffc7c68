import { Module } from '@nestjs/common';
import { LogoFetcher } from './logo-fetcher';
import { PartiesConsumer } from './parties.consumer';
import { PartiesRepository } from './parties.repository';

@Module({
  controllers: [PartiesConsumer],
  providers: [PartiesRepository, LogoFetcher],
  exports: [PartiesRepository],
})
export class PartiesModule {}
