import { Module } from '@nestjs/common';
import { InvoicePdfController } from './invoice-pdf.controller';
import { PortalController } from './portal.controller';
import { PortalSessionGuard } from './portal-session.guard';
import { PortalTokens } from './portal-tokens';

@Module({
  controllers: [PortalController, InvoicePdfController],
  providers: [PortalTokens, PortalSessionGuard],
  exports: [PortalTokens],
})
export class PortalModule {}
