import type { EventContract } from './kit/event-contract';
import { CustomerUpdatedFromPortal } from './customers/events/customer-updated-from-portal.event';
import { InvoicePaymentRequested } from './invoices/events/invoice-payment-requested.event';
import { PorticoTest } from './webhooks/events/portico-test.event';
import { WalletTopUpRequested } from './wallets/events/wallet-top-up-requested.event';
import { WebhookEndpointDisabled } from './webhooks/events/webhook-endpoint-disabled.event';

/**
 * What Portico tells the operator, delivered as Standard Webhooks to its endpoints and documented
 * in docs/webhooks.md. All but `portico.test` travel on `billing.events` first, from whichever
 * service noticed; customer-service turns each into one delivery per subscribed endpoint.
 */
export const OUTBOUND_EVENTS: readonly EventContract[] = [
  CustomerUpdatedFromPortal,
  InvoicePaymentRequested,
  WalletTopUpRequested,
  WebhookEndpointDisabled,
  PorticoTest,
];

export const OUTBOUND_EVENT_TYPES: readonly string[] = OUTBOUND_EVENTS.map((e) => e.type);
