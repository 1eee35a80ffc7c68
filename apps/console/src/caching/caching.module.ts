import { Global, Module } from '@nestjs/common';
import {
  PorticoConsoleSessionsChanged,
  PorticoCustomerChanged,
  PorticoInvoicesChanged,
  PorticoOrganizationChanged,
} from '@portico/contracts';
import { forgetOn, ReplicaCaches, replicaCachesConsumer } from '@portico/messaging';
import { customerTag, operatorTag, organizationTag, sessionTag } from './cache-tags';
import { ConsoleSessionCache } from './console-session-cache';
import { CustomerCache } from './customer-cache';
import { InvoicePageCache } from './invoice-page-cache';
import { OrganizationCache } from './organization-cache';

/**
 * Every console instance hears each change and drops what its caches hold of it: sessions (a
 * logout, a new role, a removal elsewhere), organizations, customers and their invoice pages.
 */
const ConsoleCachesConsumer = replicaCachesConsumer(
  forgetOn(PorticoOrganizationChanged, (event) => [organizationTag(event.data.id)]),
  forgetOn(PorticoCustomerChanged, (event) => [
    customerTag(event.organization_id, event.data.external_id),
  ]),
  forgetOn(PorticoInvoicesChanged, (event) =>
    event.data.external_customer_ids.map((id) => customerTag(event.organization_id, id)),
  ),
  forgetOn(PorticoConsoleSessionsChanged, (event) => [
    event.data.session_id
      ? sessionTag(event.data.session_id)
      : operatorTag(event.organization_id, event.data.operator_id),
  ]),
);

/** The instance's replica caches, injectable anywhere; announcements keep them fresh. */
@Global()
@Module({
  controllers: [ConsoleCachesConsumer],
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
