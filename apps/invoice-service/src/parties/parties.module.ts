import { Module } from '@nestjs/common';
import { KnownOrganizations } from './known-organizations';
import { LogoFetcher } from './logo-fetcher';
import { PartiesConsumer } from './parties.consumer';
import { PartiesRepository } from './parties.repository';

@Module({
  controllers: [PartiesConsumer],
  providers: [PartiesRepository, LogoFetcher, KnownOrganizations],
  exports: [PartiesRepository, KnownOrganizations],
})
export class PartiesModule {}
