import { Injectable } from '@nestjs/common';
import {
  PorticoCustomerChanged,
  PorticoOrganizationChanged,
  VerifyPortalSession,
  type EventData,
  type EventEnvelope,
  type RpcResponse,
} from '@portico/contracts';
import { AmqpConnection, ServiceClient } from '@portico/messaging';
import { ExpiringCache } from '../caching/expiring-cache';

/** A backstop only: revocations and changes reach every gateway at once as events. */
const CACHE_TTL_MS = 15_000;
const CACHE_MAX_ENTRIES = 100_000;

type VerifiedSession = RpcResponse<typeof VerifyPortalSession>;

/**
 * customer-service's answer to "is this session still good?", kept per gateway for a few seconds
 * so a customer paging through the portal costs no round trip per page. Entries are keyed by the
 * token's session generation and dropped the moment customer-service announces a change to the
 * customer (a revocation increments the generation) or the organization (embed origins,
 * branding); this gateway's own revocations drop them directly. The TTL bounds the window should
 * an announcement be lost.
 */
@Injectable()
export class PortalSessionVerifier {
  private readonly cache = new ExpiringCache<VerifiedSession>(CACHE_TTL_MS, CACHE_MAX_ENTRIES);

  constructor(
    private readonly rpc: ServiceClient,
    connection: AmqpConnection,
  ) {
    // While disconnected, announcements may have been missed.
    connection.on('connected', () => this.cache.clear());
  }

  async verify(
    organizationId: string,
    customerId: string,
    generation: number,
  ): Promise<VerifiedSession> {
    const key = `${organizationId}\u0000${customerId}\u0000${generation}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const session = await this.rpc.call(VerifyPortalSession, {
      organization_id: organizationId,
      customer_id: customerId,
      generation,
    });
    this.cache.set(key, session);
    return session;
  }

  forgetCustomer(organizationId: string, externalCustomerId: string): void {
    this.cache.deleteWhere(
      (entry) =>
        entry.organization.id === organizationId &&
        entry.customer.external_id === externalCustomerId,
    );
  }

  async customerChanged(
    event: EventEnvelope<EventData<typeof PorticoCustomerChanged>>,
  ): Promise<void> {
    this.forgetCustomer(event.organization_id, event.data.external_id);
  }

  async organizationChanged(
    event: EventEnvelope<EventData<typeof PorticoOrganizationChanged>>,
  ): Promise<void> {
    this.cache.deleteWhere((entry) => entry.organization.id === event.data.id);
  }
}
