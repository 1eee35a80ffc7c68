import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CAN, type ConsoleRequest } from '../auth/console-request';
import { ConsoleConfig } from '../config/console.config';
import { ConsoleAssets } from './console-assets';
import { setConsoleHeaders, type ConsoleCsp } from './console-headers';
import { ConsoleViews, type PageName } from './console-views';
import { directionOf, languageOptions, uiLanguage } from './ui-language';

/** Renders a page with what every page shows: language, the operator, the form token, the nav. */
@Injectable()
export class ConsolePages {
  private readonly portalOrigin: string;

  constructor(
    private readonly views: ConsoleViews,
    private readonly assets: ConsoleAssets,
    @Inject(ConsoleConfig) config: ConsoleConfig,
  ) {
    this.portalOrigin = new URL(config.portalPublicUrl).origin;
  }

  send(
    request: ConsoleRequest,
    reply: FastifyReply,
    page: PageName,
    view: Record<string, unknown>,
    status = 200,
    csp: ConsoleCsp = {},
  ): void {
    const lang = uiLanguage(request);
    const session = request.consoleSession;
    const role = session?.operator.role;
    setConsoleHeaders(reply, this.portalOrigin, csp);
    void reply.status(status).send(
      this.views.render(page, {
        lang,
        dir: directionOf(lang),
        assetVersion: this.assets.version,
        here: request.url,
        uiLanguages: languageOptions(lang),
        operator: session && {
          email: session.operator.email,
          roleLabel: `console.roles.${role}`,
          canEdit: CAN.editCustomers(role!),
          isAdmin: CAN.manageOrganization(role!),
        },
        csrf: session?.csrf_token,
        ...view,
      }),
    );
  }

  translate(key: string, lang: string): string {
    return this.views.t(key, lang);
  }
}
