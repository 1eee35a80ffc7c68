import { porticoI18nOptions } from '@portico/i18n';
import { I18nModule } from 'nestjs-i18n';
import { Module } from '@nestjs/common';
import { InvoicePdfsModule } from '../invoice-pdfs/invoice-pdfs.module';
import { InvoicePdfController } from './invoice-pdf.controller';
import { PortalAssets } from './portal-assets';
import { PortalAssetsController } from './portal-assets.controller';
import { PortalController } from './portal.controller';
import { PortalViews } from './portal-views';
import { PortalSessionGuard } from './portal-session.guard';
import { PortalSessionVerifier } from './portal-session-verifier';
import { PortalTokens } from './portal-tokens';

@Module({
  imports: [I18nModule.forRoot(porticoI18nOptions()), InvoicePdfsModule],
  controllers: [PortalController, InvoicePdfController, PortalAssetsController],
  providers: [
    PortalTokens,
    PortalSessionVerifier,
    PortalSessionGuard,
    PortalViews,
    { provide: PortalAssets, useFactory: () => new PortalAssets() },
  ],
  exports: [PortalTokens, PortalSessionVerifier],
})
export class PortalModule {}
