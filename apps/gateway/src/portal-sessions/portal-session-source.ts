import { Injectable } from '@nestjs/common';
import { OpenPortalSession, RevokePortalSessions } from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import { customerTag } from '../caching/cache-tags';

interface SessionBasis {
  organizationId: string;
  externalCustomerId: string;
  customerId: string;
  generation: number;
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
  private readonly bases;

  constructor(
    private readonly rpc: ServiceClient,
    private readonly caches: ReplicaCaches,
  ) {
    this.bases = caches.create<SessionBasis>({
      ttlMs: 60_000,
      max: 100_000,
      tagsOf: (basis) => [customerTag(basis.organizationId, basis.externalCustomerId)],
    });
  }

  basisFor(organizationId: string, externalCustomerId: string): Promise<SessionBasis> {
    return this.bases.getOrLoad(`${organizationId}\u0000${externalCustomerId}`, async () => {
      const session = await this.rpc.call(OpenPortalSession, {
        organization_id: organizationId,
        external_customer_id: externalCustomerId,
      });
      return {
        organizationId,
        externalCustomerId,
        customerId: session.customer_id,
        generation: session.generation,
      };
    });
  }

  async revokeAll(organizationId: string, externalCustomerId: string, correlationId?: string) {
    const revoked = await this.rpc.call(
      RevokePortalSessions,
      { organization_id: organizationId, external_customer_id: externalCustomerId },
      { correlationId },
    );
    // The announcement reaches every gateway; this one must not answer from its caches meanwhile.
    this.caches.invalidate(customerTag(organizationId, externalCustomerId));
    return revoked;
  }
}
