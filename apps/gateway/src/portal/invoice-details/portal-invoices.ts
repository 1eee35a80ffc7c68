import { Injectable } from '@nestjs/common';
import { GetInvoice, GetInvoicePaymentUrl, type LagoInvoice } from '@portico/contracts';
import { ReplicaCaches, ServiceClient, type ReplicaCache } from '@portico/messaging';
import { customerOfKey } from '../../caching/cache-tags';

/**
 * The invoices the portal's details pages show, as the invoice-service answers them, kept by each
 * gateway until the invoice-service announces a change to that customer's invoices
 * (portico.invoices.changed): a customer going back and forth between the list and an invoice
 * costs no database read. Only found invoices are kept; a 404 is asked again.
 */
@Injectable()
export class PortalInvoices {
  private readonly invoices: ReplicaCache<LagoInvoice>;
  /** Where each shown invoice can be paid ('' = nowhere), kept like the invoice itself. */
  private readonly paymentUrls: ReplicaCache<string>;

  constructor(
    private readonly rpc: ServiceClient,
    caches: ReplicaCaches,
  ) {
    this.invoices = caches.create<LagoInvoice>({
      ttlMs: 60_000,
      // An invoice with its line items is a few KB: this bounds the copy to tens of MB.
      max: 5_000,
      tagsOf: customerOfKey,
    });
    this.paymentUrls = caches.create<string>({
      ttlMs: 60_000,
      max: 20_000,
      tagsOf: customerOfKey,
    });
  }

  /**
   * Where an owed invoice can be paid, or null. An answer given while Lago could not be asked
   * (transient) is not kept: the next view asks again.
   */
  async paymentUrl(
    organizationId: string,
    externalCustomerId: string,
    invoiceId: string,
  ): Promise<string | null> {
    const url = await this.paymentUrls
      .getOrLoad(`${organizationId}\u0000${externalCustomerId}\u0000${invoiceId}`, async () => {
        const answer = await this.rpc.call(GetInvoicePaymentUrl, {
          organization_id: organizationId,
          invoice_id: invoiceId,
          external_customer_id: externalCustomerId,
        });
        if (answer.transient) throw new TransientAnswer();
        return answer.payment_url ?? '';
      })
      .catch((error: unknown) => {
        if (error instanceof TransientAnswer) return '';
        throw error;
      });
    return url || null;
  }

  /** One of this customer's visible invoices; another's, a draft or an unknown id throws 404. */
  invoice(
    organizationId: string,
    externalCustomerId: string,
    invoiceId: string,
  ): Promise<LagoInvoice> {
    return this.invoices.getOrLoad(
      `${organizationId}\u0000${externalCustomerId}\u0000${invoiceId}`,
      async () => {
        const { invoice } = await this.rpc.call(GetInvoice, {
          organization_id: organizationId,
          invoice_id: invoiceId,
          external_customer_id: externalCustomerId,
        });
        return invoice;
      },
    );
  }
}

/** Thrown out of a cache load so that the answer is not kept. */
class TransientAnswer extends Error {}
