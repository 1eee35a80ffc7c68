import { Module } from '@nestjs/common';
import { PortalController } from './portal.controller';
import { PortalSessionGuard } from './portal-session.guard';
import { PortalTokens } from './portal-tokens';

@Module({
  controllers: [PortalController],
  providers: [PortalTokens, PortalSessionGuard],
  exports: [PortalTokens],
})
export class PortalModule {}
