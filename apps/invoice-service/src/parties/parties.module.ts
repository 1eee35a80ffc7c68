import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { OutboundGuard } from '@portico/outbound';
import { InvoiceServiceConfig } from '../config/invoice-service.config';
import { KnownOrganizations } from './known-organizations';
import { LogoFetcher } from './logo-fetcher';
import { LOGO_GUARD } from './logo-guard';
import { PartiesConsumer } from './parties.consumer';
import { PartiesRepository } from './parties.repository';

/** A logo URL is given by someone else: it is fetched only through the outbound guard. */
@Module({
  controllers: [PartiesConsumer],
  providers: [
    {
      provide: LOGO_GUARD,
      inject: [InvoiceServiceConfig],
      useFactory: (config: InvoiceServiceConfig) =>
        // Plain http is fine for a logo: nothing secret is sent, and the image is only inlined.
        new OutboundGuard({ allowList: config.pdf.logoAllowList, allowHttp: true, maxSockets: 4 }),
    },
    PartiesRepository,
    LogoFetcher,
    KnownOrganizations,
  ],
  exports: [PartiesRepository, KnownOrganizations],
})
export class PartiesModule implements OnApplicationShutdown {
  constructor(@Inject(LOGO_GUARD) private readonly guard: OutboundGuard) {}

  onApplicationShutdown(): void {
    this.guard.close();
  }
}
