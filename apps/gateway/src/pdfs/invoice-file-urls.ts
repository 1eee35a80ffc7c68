import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@portico/contracts';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { GatewayConfig } from '../config/gateway.config';

interface FileClaims {
  /** organization id */
  o: string;
  /** upstream invoice id */
  i: string;
  /** expiry, seconds since the epoch */
  e: number;
  /** issued at, seconds since the epoch */
  t: number;
}

const CLOCK_SKEW_SECONDS = 60;

/**
 * Short-lived, signed download URLs for the operator API (Lago's `file_url`): the URL itself is
 * the credential, so it names one invoice of one organization and expires within minutes. The
 * key is derived from the portal secret for this one purpose, so no portal token verifies here.
 */
@Injectable()
export class InvoiceFileUrls {
  private readonly key: Buffer;

  constructor(@Inject(GatewayConfig) private readonly config: GatewayConfig) {
    this.key = createHmac('sha256', config.portalJwtSecret)
      .update('portico invoice file url v1')
      .digest();
  }

  url(organizationId: string, invoiceId: string, now = Date.now()): string {
    const issuedAt = Math.floor(now / 1000);
    const claims: FileClaims = {
      o: organizationId,
      i: invoiceId,
      e: issuedAt + this.config.invoiceFileUrlTtlSeconds,
      t: issuedAt,
    };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${this.config.publicUrl}/invoice-files/${payload}.${this.sign(payload)}`;
  }

  verify(token: string, now = Date.now()): { organizationId: string; invoiceId: string } {
    const [payload = '', signature = ''] = token.split('.');
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new DomainError(ErrorCode.NotFound, 'no such file');
    }
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as FileClaims;
    const seconds = now / 1000;
    // The expiry counts from the issue time and never runs past issue time + today's TTL (a TTL
    // lowered since, or a link from a future clock, ends now).
    const expiresAt = Math.min(claims.e, claims.t + this.config.invoiceFileUrlTtlSeconds);
    if (
      !Number.isInteger(claims.t) ||
      claims.t > seconds + CLOCK_SKEW_SECONDS ||
      expiresAt <= seconds
    ) {
      throw new DomainError(ErrorCode.Forbidden, 'this download link has expired');
    }
    return { organizationId: claims.o, invoiceId: claims.i };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
