import { Module } from '@nestjs/common';
import { PortalLocaleHints } from './portal-locale-hints';
import { PortalSessionGuard } from './portal-session.guard';
import { PortalSessionSource } from './portal-session-source';
import { PortalSessionVerifier } from './portal-session-verifier';
import { PortalTokens } from './portal-tokens';

/**
 * Portal sessions: the signed tokens, opening a session (the API's portal URLs) and verifying one
 * (the guard of every portal route).
 */
@Module({
  providers: [
    PortalLocaleHints,
    PortalTokens,
    PortalSessionVerifier,
    PortalSessionGuard,
    PortalSessionSource,
  ],
  exports: [
    PortalLocaleHints,
    PortalTokens,
    PortalSessionVerifier,
    PortalSessionGuard,
    PortalSessionSource,
  ],
})
export class PortalSessionsModule {}
