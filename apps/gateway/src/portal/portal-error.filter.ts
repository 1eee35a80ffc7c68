import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@portico/contracts';
import type { FastifyReply } from 'fastify';
import { httpStatusFor } from '../errors/http-status';
import { escapeHtml } from './html-escape';
import { setPortalHeaders } from './portal-headers';

/**
 * Portal routes answer with a page, never JSON or a stack trace. The page carries no customer
 * data, so it may be framed anywhere: the host's iframe shows it instead of a browser error.
 */
@Catch()
export class PortalErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(PortalErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let status = 500;
    let code = 'internal_error';
    if (exception instanceof DomainError) {
      status = httpStatusFor(exception.code);
      code = exception.code;
    } else {
      this.logger.error((exception as Error)?.stack ?? String(exception));
    }
    setPortalHeaders(reply, '*');
    void reply.status(status).send(errorPage(code));
  }
}

function errorPage(code: string): string {
  const expired = [
    'portal_token_expired',
    'portal_session_revoked',
    'portal_token_invalid',
  ].includes(code);
  const title = expired ? 'This link has expired' : 'The portal is unavailable right now';
  const hint = expired
    ? 'Open the billing page again to get a fresh link.'
    : 'Please try again in a moment.';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body data-portico-error="${escapeHtml(code)}"><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(hint)}</p></main></body></html>
`;
}
