import type { EventContract } from '@portico/contracts';
import type { EventPublisher } from '@portico/messaging';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

/** An announcement naming customers whose stored lists changed (`portico.wallets.changed`, …). */
export type CustomerListsChanged = EventContract<
  string,
  z.ZodType<{ external_customer_ids: string[] }>
>;

/**
 * Tells every gateway instance that this customer's list changed: each drops what it cached of
 * it and asks again. It carries no data, so a late or repeated announcement is harmless.
 */
export function announceCustomerListChanged(
  publisher: EventPublisher,
  announcement: CustomerListsChanged,
  organizationId: string,
  externalCustomerId: string,
): Promise<void> {
  return publisher.publish(announcement, {
    id: `evt_${randomUUID()}`,
    organization_id: organizationId,
    occurred_at: new Date().toISOString(),
    data: { external_customer_ids: [externalCustomerId] },
  });
}
