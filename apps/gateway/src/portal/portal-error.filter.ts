import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError, ErrorCode } from '@portico/contracts';
import type { FastifyReply } from 'fastify';
import { httpStatusFor } from '../http/errors/http-status';
import { PortalAssets } from './portal-assets';
import { setPortalHeaders } from './portal-headers';
import { portalLocaleOf, type PortalLocaleSource } from './portal-locale';
import { directionOf, type ErrorPageView } from './portal-page-view';
import { PortalViews } from './portal-views';

type ErrorContent = Pick<ErrorPageView, 'signal' | 'state' | 'title' | 'body' | 'retry'>;

const DEAD_LINK: Partial<Record<string, ErrorContent>> = {
  [ErrorCode.PortalTokenExpired]: {
    signal: 'expired',
    state: 'expired',
    title: 'portal.error.expired_title',
    body: 'portal.error.expired_body',
    retry: false,
  },
  [ErrorCode.PortalTokenInvalid]: {
    signal: 'invalid',
    state: 'invalid',
    title: 'portal.error.invalid_title',
    body: 'portal.error.invalid_body',
    retry: false,
  },
  [ErrorCode.PortalSessionRevoked]: {
    signal: 'invalid',
    state: 'invalid',
    title: 'portal.error.invalid_title',
    body: 'portal.error.invalid_body',
    retry: false,
  },
};

const NOT_FOUND: ErrorContent = {
  signal: '',
  state: 'not-found',
  title: 'portal.error.not_found_title',
  body: 'portal.error.not_found_body',
  retry: false,
};
const UNAVAILABLE: ErrorContent = {
  signal: '',
  state: 'unavailable',
  title: 'portal.error.unavailable_title',
  body: 'portal.error.unavailable_body',
  retry: true,
};
const RATE_LIMITED: ErrorContent = {
  signal: '',
  state: 'rate-limited',
  title: 'portal.error.rate_limited_title',
  body: 'portal.error.rate_limited_body',
  retry: true,
};
const GENERIC: ErrorContent = {
  signal: '',
  state: 'error',
  title: 'portal.error.generic_title',
  body: 'portal.error.generic_body',
  retry: true,
};

/**
 * Portal routes answer with a page, never JSON or a stack trace, in the language the session
 * resolved or else the browser's. The page carries no customer data, so it may be framed
 * anywhere: the host's iframe shows it instead of a browser error, and a dead link tells the
 * host (postMessage) so it can fetch a fresh URL.
 */
@Catch()
export class PortalErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(PortalErrorFilter.name);

  constructor(
    private readonly views: PortalViews,
    private readonly assets: PortalAssets,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<PortalLocaleSource>();
    let status = 500;
    let code = 'internal_error';
    if (exception instanceof DomainError) {
      status = httpStatusFor(exception.code);
      code = exception.code;
    } else if ((exception as { getStatus?: () => number })?.getStatus?.() === 404) {
      status = 404;
      code = ErrorCode.NotFound;
    } else {
      this.logger.error((exception as Error)?.stack ?? String(exception));
    }
    const content =
      DEAD_LINK[code] ??
      (status === 404
        ? NOT_FOUND
        : status === 503
          ? UNAVAILABLE
          : status === 429
            ? RATE_LIMITED
            : GENERIC);
    const lang = portalLocaleOf(request);
    setPortalHeaders(reply, '*');
    void reply.status(status).send(
      this.views.error({
        lang,
        dir: directionOf(lang),
        assetVersion: this.assets.version,
        code,
        ...content,
      }),
    );
  }
}
