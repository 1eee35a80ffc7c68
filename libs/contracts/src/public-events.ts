import type { EventContract } from './event-contract';
import { CreditNoteCreated } from './events/credit-note-created.event';
import { CreditNoteUpdated } from './events/credit-note-updated.event';
import { CustomerCreated } from './events/customer-created.event';
import { CustomerUpdated } from './events/customer-updated.event';
import { InvoiceCreated } from './events/invoice-created.event';
import { InvoicePaymentOverdue } from './events/invoice-payment-overdue.event';
import { InvoicePaymentStatusUpdated } from './events/invoice-payment-status-updated.event';
import { InvoiceUpdated } from './events/invoice-updated.event';
import { InvoiceVoided } from './events/invoice-voided.event';
import { WalletCreated } from './events/wallet-created.event';
import { WalletTerminated } from './events/wallet-terminated.event';
import { WalletTransactionCreated } from './events/wallet-transaction-created.event';
import { WalletTransactionUpdated } from './events/wallet-transaction-updated.event';
import { WalletUpdated } from './events/wallet-updated.event';
import { CustomerUsageUpdated } from './events/customer-usage-updated.event';
import { SubscriptionCreated } from './events/subscription-created.event';
import { SubscriptionTerminated } from './events/subscription-terminated.event';
import { SubscriptionUpdated } from './events/subscription-updated.event';

/** The events upstream systems may publish to `billing.events`, as documented in docs/events.md. */
export const PUBLIC_EVENTS: readonly EventContract[] = [
  CustomerCreated,
  CustomerUpdated,
  InvoiceCreated,
  InvoiceUpdated,
  InvoicePaymentStatusUpdated,
  InvoicePaymentOverdue,
  InvoiceVoided,
  WalletCreated,
  WalletUpdated,
  WalletTerminated,
  WalletTransactionCreated,
  WalletTransactionUpdated,
  SubscriptionCreated,
  SubscriptionUpdated,
  SubscriptionTerminated,
  CustomerUsageUpdated,
  CreditNoteCreated,
  CreditNoteUpdated,
];
