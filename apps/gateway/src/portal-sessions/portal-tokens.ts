import { Inject, Injectable } from '@nestjs/common';
import { PortalTokenCodec } from '@portico/portal-tokens';
import { GatewayConfig } from '../config/gateway.config';

export { MAX_PORTAL_TOKEN_TTL_SECONDS, type PortalSessionClaims } from '@portico/portal-tokens';

/** The gateway's portal token codec, keyed with its configured secret. */
@Injectable()
export class PortalTokens extends PortalTokenCodec {
  constructor(@Inject(GatewayConfig) config: GatewayConfig) {
    super(config.portalJwtSecret);
  }
}
