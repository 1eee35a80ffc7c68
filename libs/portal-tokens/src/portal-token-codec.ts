import { JwtService } from '@nestjs/jwt';
import { DomainError, ErrorCode } from '@portico/contracts';
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

/** A portal link lives at most this long (docs/architecture.md, "Security model"). */
export const MAX_PORTAL_TOKEN_TTL_SECONDS = 12 * 60 * 60;
const AUDIENCE = 'portico-portal';
const ISSUER = 'portico';
/** Clocks of gateways may disagree a little; a token issued further in the future is forged. */
const CLOCK_SKEW_SECONDS = 60;

export interface PortalSessionClaims {
  organizationId: string;
  customerId: string;
  generation: number;
  sessionId: string;
  expiresAt: Date;
}

interface TokenPayload {
  org: string;
  gen: number;
  sub: string;
  jti: string;
  exp: number;
  iat: number;
}

/**
 * Signs and checks portal tokens (HS256 JWTs), shared by the gateway (API, portal) and the
 * console ("Customer portal" button) so both mint exactly the same links. The secret is a
 * KeyObject: jsonwebtoken re-derives a key from a plain string on every call, which is ~50×
 * slower (docs/benchmarks.md).
 */
export class PortalTokenCodec {
  private readonly jwt: JwtService;

  constructor(secret: string) {
    const key: KeyObject = createSecretKey(Buffer.from(secret, 'utf8'));
    this.jwt = new JwtService({ secret: key as unknown as string });
  }

  issue(input: {
    organizationId: string;
    customerId: string;
    generation: number;
    expiresInSeconds: number;
  }): {
    token: string;
    sessionId: string;
    expiresAt: Date;
  } {
    const ttl = Math.min(input.expiresInSeconds, MAX_PORTAL_TOKEN_TTL_SECONDS);
    const sessionId = `ps_${randomBytes(12).toString('base64url')}`;
    const now = Math.floor(Date.now() / 1000);
    const token = this.jwt.sign(
      { org: input.organizationId, gen: input.generation },
      {
        algorithm: 'HS256',
        audience: AUDIENCE,
        issuer: ISSUER,
        subject: input.customerId,
        jwtid: sessionId,
        expiresIn: ttl,
      },
    );
    return { token, sessionId, expiresAt: new Date((now + ttl) * 1000) };
  }

  /**
   * Signature, algorithm, audience, issuer and expiry, and a lifetime of at most 12 hours counted
   * from an `iat` that is not in the future; revocation is the service's to check.
   */
  verify(token: string): PortalSessionClaims {
    let payload: TokenPayload;
    try {
      payload = this.jwt.verify<TokenPayload>(token, {
        algorithms: ['HS256'],
        audience: AUDIENCE,
        issuer: ISSUER,
      });
    } catch (error) {
      if ((error as Error).name === 'TokenExpiredError') {
        throw new DomainError(ErrorCode.PortalTokenExpired, 'this portal link has expired');
      }
      throw new DomainError(ErrorCode.PortalTokenInvalid, 'this portal link is not valid');
    }
    const now = Math.floor(Date.now() / 1000);
    const valid =
      Number.isInteger(payload.iat) &&
      payload.iat <= now + CLOCK_SKEW_SECONDS &&
      typeof payload.org === 'string' &&
      typeof payload.sub === 'string' &&
      Number.isInteger(payload.gen) &&
      typeof payload.jti === 'string' &&
      payload.exp - payload.iat <= MAX_PORTAL_TOKEN_TTL_SECONDS;
    if (!valid)
      throw new DomainError(ErrorCode.PortalTokenInvalid, 'this portal link is not valid');
    return {
      organizationId: payload.org,
      customerId: payload.sub,
      generation: payload.gen,
      sessionId: payload.jti,
      expiresAt: new Date(payload.exp * 1000),
    };
  }
}
