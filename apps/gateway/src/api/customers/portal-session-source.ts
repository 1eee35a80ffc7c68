import { Injectable } from '@nestjs/common';
import {
  OpenPortalSession,
  PorticoCustomerChanged,
  RevokePortalSessions,
  type EventData,
  type EventEnvelope,
} from '@portico/contracts';
import { AmqpConnection, ServiceClient } from '@portico/messaging';
import { ExpiringCache } from '../../caching/expiring-cache';
import { PortalSessionVerifier } from '../../portal/portal-session-verifier';

const CACHE_TTL_MS = 60_000;
const CACHE_MAX_ENTRIES = 100_000;

interface SessionBasis {
  customerId: string;
  generation: number;
  /** The customer record's version; an older announcement never overwrites a newer entry. */
  version: number;
}

/**
 * What a portal token is minted from (customer id, session generation), cached per gateway so
 * that issuing a URL needs no round trip once a customer has been seen. Staleness is safe by
 * construction: a token minted from an older generation, or for a customer deleted a moment ago,
 * is refused when the portal opens it (PortalSessionVerifier: customer-service's answer, dropped
 * on every change announcement).
 */
@Injectable()
export class PortalSessionSource {
  private readonly cache = new ExpiringCache<SessionBasis>(CACHE_TTL_MS, CACHE_MAX_ENTRIES);

  constructor(
    private readonly rpc: ServiceClient,
    private readonly verifier: PortalSessionVerifier,
    connection: AmqpConnection,
  ) {
    connection.on('connected', () => this.cache.clear());
  }

  async basisFor(organizationId: string, externalCustomerId: string): Promise<SessionBasis> {
    const key = cacheKey(organizationId, externalCustomerId);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const session = await this.rpc.call(OpenPortalSession, {
      organization_id: organizationId,
      external_customer_id: externalCustomerId,
    });
    const basis = {
      customerId: session.customer_id,
      generation: session.generation,
      version: Date.parse(session.version),
    };
    this.remember(key, basis);
    return basis;
  }

  async revokeAll(organizationId: string, externalCustomerId: string, correlationId?: string) {
    const revoked = await this.rpc.call(
      RevokePortalSessions,
      { organization_id: organizationId, external_customer_id: externalCustomerId },
      { correlationId },
    );
    this.forgetCustomer(organizationId, externalCustomerId);
    return revoked;
  }

  /**
   * After this gateway revoked or deleted: what it cached is older now. The announcement reaches
   * the other gateways; this one must not answer from its cache in between.
   */
  forgetCustomer(organizationId: string, externalCustomerId: string): void {
    this.cache.delete(cacheKey(organizationId, externalCustomerId));
    this.verifier.forgetCustomer(organizationId, externalCustomerId);
  }

  async onCustomerChanged(
    event: EventEnvelope<EventData<typeof PorticoCustomerChanged>>,
  ): Promise<void> {
    const key = cacheKey(event.organization_id, event.data.external_id);
    if (event.data.deleted) {
      this.cache.delete(key);
      return;
    }
    // Only refresh what is cached: caching every customer that changes would fill the cache
    // with customers nobody opens the portal for.
    if (this.cache.get(key)) {
      this.remember(key, {
        customerId: event.data.id,
        generation: event.data.portal_session_generation,
        version: Date.parse(event.data.updated_at),
      });
    }
  }

  private remember(key: string, basis: SessionBasis): void {
    const current = this.cache.get(key);
    if (!current || current.version <= basis.version) this.cache.set(key, basis);
  }
}

function cacheKey(organizationId: string, externalCustomerId: string): string {
  return `${organizationId}\u0000${externalCustomerId}`;
}
