import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  InvoicePaymentRequested,
  type GetInvoicePaymentUrl,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { EventPublisher } from '@portico/messaging';
import { randomUUID } from 'node:crypto';
import type { InvoiceRecord } from '../invoices/invoice-record';
import { InvoicesRepository } from '../invoices/invoices.repository';
import { LagoPaymentUrls } from './lago-payment-urls';

type PaymentUrlRequest = RpcRequest<typeof GetInvoicePaymentUrl>;
type PaymentUrlAnswer = RpcResponse<typeof GetInvoicePaymentUrl>;

/** Only what is still owed can be paid: finalized, and unpaid or overdue. */
function payable(record: InvoiceRecord): boolean {
  return record.status === 'finalized' && (record.badge === 'unpaid' || record.badge === 'overdue');
}

@Injectable()
export class PaymentUrlsService {
  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly lago: LagoPaymentUrls,
    private readonly publisher: EventPublisher,
  ) {}

  async urlOf(request: PaymentUrlRequest): Promise<PaymentUrlAnswer> {
    const { url, transient } = await this.resolve(await this.find(request));
    return { payment_url: url, transient };
  }

  /** "Pay now": the URL, and the operator told (once per press: each is a new request). */
  async request(request: PaymentUrlRequest): Promise<PaymentUrlAnswer> {
    const record = await this.find(request);
    const { url, transient } = await this.resolve(record);
    if (url === null) return { payment_url: null, transient };
    const doc = record.document!;
    const now = new Date().toISOString();
    await this.publisher.publish(InvoicePaymentRequested, {
      id: `evt_${randomUUID()}`,
      organization_id: record.organization_id,
      occurred_at: now,
      data: {
        external_customer_id: record.external_customer_id,
        invoice: {
          id: record.upstream_id,
          number: doc.number,
          currency: doc.currency,
          total_due_amount_cents: Math.max(0, record.outstanding_due_cents),
        },
        requested_at: now,
      },
    });
    return { payment_url: url, transient: false };
  }

  private async find(request: PaymentUrlRequest): Promise<InvoiceRecord> {
    const record = await this.invoices.findVisible(
      request.organization_id,
      request.invoice_id,
      request.external_customer_id,
    );
    if (!record)
      throw new DomainError(ErrorCode.InvoiceNotFound, `invoice "${request.invoice_id}" not found`);
    return record;
  }

  /** The URL the invoice's events carried wins; otherwise the organization's Lago is asked. */
  private async resolve(
    record: InvoiceRecord,
  ): Promise<{ url: string | null; transient: boolean }> {
    if (!payable(record)) return { url: null, transient: false };
    const own = record.document?.payment_url;
    return own ? { url: own, transient: false } : this.lago.urlFor(record);
  }
}
