import { porticoI18nOptions } from '@portico/i18n';
import { I18nModule } from 'nestjs-i18n';
import { Module } from '@nestjs/common';
import { PlansModule } from './plans-usage/plans.module';
import { PlansSectionSource } from './plans-usage/plans-section.source';
import { UsagePageController } from './plans-usage/usage-page.controller';
import { AccountController } from './account/account.controller';
import { InvoiceDetailsController } from './invoice-details/invoice-details.controller';
import { InvoicePaymentController } from './invoice-details/invoice-payment.controller';
import { CreditNotesSectionSource } from './credit-notes/credit-notes-section';
import { PortalInvoices } from './invoice-details/portal-invoices';
import { PortalInvoicePages } from './portal-invoice-pages';
import { PortalAssets } from './portal-assets';
import { PortalAssetsController } from './portal-assets.controller';
import { PortalController } from './portal.controller';
import { PortalFormTokens } from './portal-form-tokens';
import { PortalFrame } from './portal-frame';
import { PortalSectionLoader } from './portal-section-loader';
import { PORTAL_SECTION_SOURCES, type PortalSectionSource } from './portal-sections';
import { PortalViews } from './portal-views';
import { PortalSessionsModule } from '../portal-sessions/portal-sessions.module';
import { WalletsPortalController } from './wallets/wallets-portal.controller';
import { WalletsSectionSource } from './wallets/wallets-section.source';
import { CustomerWallets, WalletsChangedConsumer } from './wallets/customer-wallets';

@Module({
  imports: [
    I18nModule.forRoot(porticoI18nOptions()),
    PortalSessionsModule,
    // feature modules of the portal's sections
    PlansModule,
  ],
  controllers: [
    PortalController,
    PortalAssetsController,
    AccountController,
    WalletsPortalController,
    InvoiceDetailsController,
    InvoicePaymentController,
    UsagePageController,
    WalletsChangedConsumer,
  ],
  providers: [
    PortalViews,
    PortalFrame,
    PortalFormTokens,
    PortalSectionLoader,
    WalletsSectionSource,
    CustomerWallets,
    // Each section of the first page: add its source class to `inject` and to the providers.
    {
      provide: PORTAL_SECTION_SOURCES,
      useFactory: (...sources: PortalSectionSource[]) => sources,
      inject: [
        // one line per section
        WalletsSectionSource,
        PlansSectionSource,
        CreditNotesSectionSource,
      ],
    },
    CreditNotesSectionSource,
    PortalInvoices,
    PortalInvoicePages,
    { provide: PortalAssets, useFactory: () => new PortalAssets() },
  ],
  // for the portal's error page on routes in other rooms (pdfs/)
  exports: [PortalViews, PortalAssets],
})
export class PortalModule {}
