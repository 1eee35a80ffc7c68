import { CustomerCreated } from './events/customer-created.event';
import { CustomerUpdated } from './events/customer-updated.event';
import type { EventContract } from './event-contract';

/** The events upstream systems may publish to `billing.events`, as documented in docs/events.md. */
export const PUBLIC_EVENTS: readonly EventContract[] = [CustomerCreated, CustomerUpdated];
