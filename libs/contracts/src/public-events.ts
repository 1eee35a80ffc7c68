import type { EventContract } from './kit/event-contract';
import { CreditNoteCreated } from './credit-notes/events/credit-note-created.event';
import { CreditNoteUpdated } from './credit-notes/events/credit-note-updated.event';
import { CustomerCreated } from './customers/events/customer-created.event';
import { CustomerUpdated } from './customers/events/customer-updated.event';
import { InvoiceCreated } from './invoices/events/invoice-created.event';
import { InvoicePaymentOverdue } from './invoices/events/invoice-payment-overdue.event';
import { InvoicePaymentStatusUpdated } from './invoices/events/invoice-payment-status-updated.event';
import { InvoiceUpdated } from './invoices/events/invoice-updated.event';
import { InvoiceVoided } from './invoices/events/invoice-voided.event';
import { WalletCreated } from './wallets/events/wallet-created.event';
import { WalletTerminated } from './wallets/events/wallet-terminated.event';
import { WalletTransactionCreated } from './wallets/events/wallet-transaction-created.event';
import { WalletTransactionUpdated } from './wallets/events/wallet-transaction-updated.event';
import { WalletUpdated } from './wallets/events/wallet-updated.event';
import { CustomerUsageUpdated } from './subscriptions/events/customer-usage-updated.event';
import { SubscriptionCreated } from './subscriptions/events/subscription-created.event';
import { SubscriptionTerminated } from './subscriptions/events/subscription-terminated.event';
import { SubscriptionUpdated } from './subscriptions/events/subscription-updated.event';

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
