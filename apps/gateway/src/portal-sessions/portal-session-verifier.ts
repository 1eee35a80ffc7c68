import { Injectable } from '@nestjs/common';
import { VerifyPortalSession, type RpcResponse } from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import { customerTag, organizationTag } from '../caching/cache-tags';

type VerifiedSession = RpcResponse<typeof VerifyPortalSession>;

/**
 * customer-service's answer to "is this session still good?", kept per gateway for a few seconds
 * so a customer paging through the portal costs no round trip per page. Entries are keyed by the
 * token's session generation and dropped the moment customer-service announces a change to the
 * customer (a revocation increments the generation) or the organization (embed origins,
 * branding); this gateway's own revocations drop them directly. The 15 s expiry is a backstop
 * should an announcement be lost.
 */
@Injectable()
export class PortalSessionVerifier {
  private readonly sessions;

  constructor(
    private readonly rpc: ServiceClient,
    caches: ReplicaCaches,
  ) {
    this.sessions = caches.create<VerifiedSession>({
      ttlMs: 15_000,
      max: 100_000,
      tagsOf: (session) => [
        organizationTag(session.organization.id),
        customerTag(session.organization.id, session.customer.external_id),
      ],
    });
  }

  verify(organizationId: string, customerId: string, generation: number): Promise<VerifiedSession> {
    return this.sessions.getOrLoad(`${organizationId}\u0000${customerId}\u0000${generation}`, () =>
      this.rpc.call(VerifyPortalSession, {
        organization_id: organizationId,
        customer_id: customerId,
        generation,
      }),
    );
  }
}
