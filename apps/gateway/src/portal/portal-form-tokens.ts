import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@portico/contracts';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { GatewayConfig } from '../config/gateway.config';
import type { PortalRequest } from '../portal-sessions/portal-session.guard';

/** A form may be posted this long after its page was shown (a portal session lasts at most 12 h). */
const FORM_TOKEN_LIFETIME_SECONDS = 12 * 3600;

/**
 * Per-page form tokens for the portal's forms (CSRF). The portal keeps no cookie (it lives in a
 * third-party iframe), and the token in the path is not enough for a state change: every form
 * carries `form_token`, an HMAC of the portal session, the form's purpose and when the page was
 * shown, which only a page Portico rendered for this session can hold. A cross-site POST is also
 * refused by its `Sec-Fetch-Site` header where the browser sends one.
 */
@Injectable()
export class PortalFormTokens {
  private readonly key: Buffer;

  constructor(@Inject(GatewayConfig) config: GatewayConfig) {
    this.key = createHmac('sha256', config.portalJwtSecret).update('portal-form-token').digest();
  }

  /** The hidden `form_token` value for a form with this purpose (e.g. `account.edit`). */
  issue(request: PortalRequest, purpose: string, nowMs = Date.now()): string {
    const issuedAt = Math.floor(nowMs / 1000);
    return `${issuedAt}.${this.mac(request, purpose, issuedAt)}`;
  }

  /** Throws `form_token_invalid` (403) unless the request carries a token issued for this form. */
  verify(request: PortalRequest, purpose: string, formToken: unknown, nowMs = Date.now()): void {
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none')
      throw refused('the form was posted from another site');
    if (typeof formToken !== 'string') throw refused('the form token is missing');
    const [issued, mac] = formToken.split('.');
    const issuedAt = Number(issued);
    if (!Number.isSafeInteger(issuedAt) || !mac) throw refused('the form token is malformed');
    const age = nowMs / 1000 - issuedAt;
    if (age < -60 || age > FORM_TOKEN_LIFETIME_SECONDS) throw refused('the form token has expired');
    const [given, expected] = [Buffer.from(mac), Buffer.from(this.mac(request, purpose, issuedAt))];
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw refused('the form token does not belong to this page');
  }

  private mac(request: PortalRequest, purpose: string, issuedAt: number): string {
    return createHmac('sha256', this.key)
      .update(`${request.portalSession.claims.sessionId}\u0000${purpose}\u0000${issuedAt}`)
      .digest('base64url');
  }
}

function refused(reason: string): DomainError {
  return new DomainError(
    ErrorCode.FormTokenInvalid,
    `This form cannot be accepted: ${reason}. Reload the page and try again.`,
  );
}
