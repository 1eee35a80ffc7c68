import { Global, Module } from '@nestjs/common';
import {
  PorticoCustomerChanged,
  PorticoInvoicePartiesChanged,
  PorticoInvoicesChanged,
  PorticoOrganizationChanged,
} from '@portico/contracts';
import { forgetOn, ReplicaCaches, replicaCachesConsumer } from '@portico/messaging';
import { customerTag, organizationTag } from './cache-tags';

/**
 * Every gateway instance hears each change and drops what its caches hold of it: API keys, Lago
 * webhook keys, portal sessions and what portal URLs are minted from, the portal's copies of a
 * customer's invoice pages and credit notes, and the PDFs it confirmed current (which also depend
 * on the invoice-service's copy of the customer and organization: `portico.invoice_parties.changed`
 * is announced once that copy is stored). A feature's own lists forget in its own module.
 */
const GatewayCachesConsumer = replicaCachesConsumer(
  forgetOn(PorticoOrganizationChanged, (event) => [organizationTag(event.data.id)]),
  forgetOn(PorticoCustomerChanged, (event) => [
    customerTag(event.organization_id, event.data.external_id),
  ]),
  forgetOn(PorticoInvoicesChanged, (event) =>
    event.data.external_customer_ids.map((id) => customerTag(event.organization_id, id)),
  ),
  forgetOn(PorticoInvoicePartiesChanged, (event) => [
    event.data.external_customer_id
      ? customerTag(event.organization_id, event.data.external_customer_id)
      : organizationTag(event.organization_id),
  ]),
);

/** The instance's replica caches, injectable anywhere: a write invalidates without module imports. */
@Global()
@Module({
  controllers: [GatewayCachesConsumer],
  providers: [ReplicaCaches],
  exports: [ReplicaCaches],
})
export class CachingModule {}
