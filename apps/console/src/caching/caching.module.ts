import { Global, Module } from '@nestjs/common';
import { ReplicaCaches } from '@portico/messaging';
import { ConsoleSessionCache } from './console-session-cache';
import { CustomerCache } from './customer-cache';
import { InvoicePageCache } from './invoice-page-cache';
import { OrganizationCache } from './organization-cache';
import { ReplicaCachesConsumer } from './replica-caches.consumer';

/** The instance's replica caches, injectable anywhere; announcements keep them fresh. */
@Global()
@Module({
  controllers: [ReplicaCachesConsumer],
  providers: [
    ReplicaCaches,
    ConsoleSessionCache,
    OrganizationCache,
    CustomerCache,
    InvoicePageCache,
  ],
  exports: [ReplicaCaches, ConsoleSessionCache, OrganizationCache, CustomerCache, InvoicePageCache],
})
export class CachingModule {}
