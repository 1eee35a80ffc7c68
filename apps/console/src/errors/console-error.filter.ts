import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError, ErrorCode } from '@portico/contracts';
import type { FastifyReply } from 'fastify';
import type { ConsoleRequest } from '../auth/console-request';
import { ConsolePages } from '../rendering/console-pages';
import { ConsolePageError, SessionRequired, type ErrorKind } from './console-errors';

/** Each service error code, once, as what the console shows. */
function fromDomain(code: ErrorCode): { status: number; kind: ErrorKind } {
  switch (code) {
    case ErrorCode.NotFound:
    case ErrorCode.CustomerNotFound:
    case ErrorCode.OrganizationNotFound:
    case ErrorCode.ApiKeyNotFound:
    case ErrorCode.InvoiceNotFound:
    case ErrorCode.CreditNoteNotFound:
    case ErrorCode.SubscriptionNotFound:
    case ErrorCode.WalletNotFound:
      return { status: 404, kind: 'not_found' };
    case ErrorCode.Conflict:
    case ErrorCode.OrganizationAlreadyExists:
      return { status: 409, kind: 'conflict' };
    case ErrorCode.ValidationFailed:
      return { status: 422, kind: 'invalid' };
    case ErrorCode.Forbidden:
    case ErrorCode.FormTokenInvalid:
    case ErrorCode.Unauthorized:
    case ErrorCode.WebhookSignatureInvalid:
    case ErrorCode.PortalTokenInvalid:
    case ErrorCode.PortalTokenExpired:
    case ErrorCode.PortalSessionRevoked:
      return { status: 403, kind: 'forbidden' };
    case ErrorCode.ServiceUnavailable:
    case ErrorCode.ServiceTimeout:
    case ErrorCode.LagoUnavailable:
    case ErrorCode.PdfRendererBusy:
    case ErrorCode.PdfRenderTimeout:
      return { status: 503, kind: 'unavailable' };
    case ErrorCode.TooManyRequests:
      return { status: 429, kind: 'rate_limited' };
    case ErrorCode.Internal:
      return { status: 500, kind: 'error' };
  }
}

/**
 * Console routes answer with a page, never JSON or a stack trace: an ended session goes back to
 * the login with the page remembered (GET) or the page it came from; the rest is a page that
 * says what happened, carrying no data of any customer.
 */
@Catch()
export class ConsoleErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(ConsoleErrorFilter.name);

  constructor(private readonly pages: ConsolePages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<ConsoleRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof SessionRequired) {
      const next = request.method === 'GET' ? request.url : (refererPath(request) ?? '/');
      void reply
        .status(303)
        .header('cache-control', 'no-store')
        .redirect(`/login?next=${encodeURIComponent(next)}`, 303);
      return;
    }
    let status = 500;
    let kind: ErrorKind = 'error';
    if (exception instanceof ConsolePageError) {
      ({ status, kind } = exception);
      if (exception.retryAfterSeconds)
        void reply.header('retry-after', String(exception.retryAfterSeconds));
    } else if (exception instanceof DomainError) {
      ({ status, kind } = fromDomain(exception.code));
      if (status >= 500) this.logger.warn(`${exception.code}: ${exception.message}`);
    } else if ((exception as { getStatus?: () => number })?.getStatus?.() === 404) {
      [status, kind] = [404, 'not_found'];
    } else {
      this.logger.error((exception as Error)?.stack ?? String(exception));
    }
    this.pages.send(
      request,
      reply,
      'error',
      { kind, title: `console.errors.${kind}.title`, body: `console.errors.${kind}.body` },
      status,
    );
  }
}

/** Only a path on this console: never an open redirect. */
function refererPath(request: ConsoleRequest): string | undefined {
  const referer = request.headers.referer;
  if (!referer) return undefined;
  try {
    const url = new URL(referer);
    return url.host === request.headers.host ? `${url.pathname}${url.search}` : undefined;
  } catch {
    return undefined;
  }
}
