import type { UpstreamInvoice } from '@portico/contracts';

interface ChangeBase {
  organizationId: string;
  upstreamId: string;
  externalCustomerId: string;
  version: Date;
}

/** One upstream event, reduced to what it says about one invoice. */
export type InvoiceChange =
  | (ChangeBase & { kind: 'document'; invoice: UpstreamInvoice })
  | (ChangeBase & { kind: 'payment_status'; paymentStatus: UpstreamInvoice['payment_status'] })
  | (ChangeBase & { kind: 'payment_overdue'; paymentOverdue: boolean })
  | (ChangeBase & { kind: 'voided' });

export function invoiceKey(organizationId: string, upstreamId: string): string {
  return `${organizationId}\u0000${upstreamId}`;
}
