import { Inject, Injectable } from '@nestjs/common';
import { PortalTokenCodec, type PortalSessionClaims } from '@portico/portal-tokens';
import { LRUCache } from 'lru-cache';
import { GatewayConfig } from '../config/gateway.config';

export { MAX_PORTAL_TOKEN_TTL_SECONDS, type PortalSessionClaims } from '@portico/portal-tokens';

/** Tokens of the sessions in use right now; beyond it the least recently seen is checked again. */
const VERIFIED_TOKENS = 10_000;

/**
 * The gateway's portal token codec, keyed with its configured secret. Every view of a portal
 * page checks its token; the same token comes back on each page and reload. What a token string
 * says never changes, so once its signature, audience, issuer and lifetime have been checked its
 * claims are kept (for that exact string only) and only its expiry is checked again: a token
 * past it goes through the full check, which refuses it as before. (The HMAC and JSON of a full
 * check were 4.5% of the gateway's work on the portal page.)
 */
@Injectable()
export class PortalTokens extends PortalTokenCodec {
  private readonly verified = new LRUCache<string, PortalSessionClaims>({ max: VERIFIED_TOKENS });

  constructor(@Inject(GatewayConfig) config: GatewayConfig) {
    super(config.portalJwtSecret);
  }

  override verify(token: string): PortalSessionClaims {
    const known = this.verified.get(token);
    // jsonwebtoken's rule: expired once the current second reaches `exp`.
    if (known && Date.now() < known.expiresAt.getTime()) {
      return { ...known, expiresAt: new Date(known.expiresAt) };
    }
    if (known) this.verified.delete(token);
    const claims = super.verify(token);
    this.verified.set(token, claims);
    return { ...claims, expiresAt: new Date(claims.expiresAt) };
  }
}
