import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { DomainError, ErrorCode, describeDetails, type ErrorDetail } from '@portico/contracts';
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { httpStatusFor } from './http-status';

/**
 * The one error shape of the API, Lago's: `{status, error, code}`, plus a human `message`, and for
 * validation errors Lago's `error_details` as `{field: [codes]}` (the message names each field and
 * what is wrong with it in words).
 */
export interface ApiErrorBody {
  status: number;
  error: string;
  code: string;
  message: string;
  error_details?: Record<string, string[]>;
}

@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    void reply
      .status(body.status)
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  }

  toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof DomainError) {
      const status = httpStatusFor(exception.code);
      return {
        status,
        error: STATUS_CODES[status] ?? 'Error',
        code: exception.code,
        // Lago's error_details carry codes; the message says the same in words.
        message: exception.details?.length
          ? `${exception.message}: ${describeDetails(exception.details)}`
          : exception.message,
        ...(exception.details && { error_details: groupByField(exception.details) }),
      };
    }
    const status = statusOf(exception);
    if (status !== undefined && status < 500) {
      return {
        status,
        error: STATUS_CODES[status] ?? 'Error',
        code: codeForHttpStatus(status),
        message: (exception as Error).message,
      };
    }
    this.logger.error((exception as Error)?.stack ?? String(exception));
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      error: STATUS_CODES[500]!,
      code: ErrorCode.Internal,
      message: 'unexpected error',
    };
  }
}

/** Nest's HttpExceptions and Fastify's own errors (bad JSON, body too large) both carry a status. */
function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const status = (exception as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function groupByField(details: ErrorDetail[]): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const { field, code } of details) {
    const codes = (grouped[field] ??= []);
    const lagoCode = code ?? 'value_is_invalid';
    if (!codes.includes(lagoCode)) codes.push(lagoCode);
  }
  return grouped;
}

function codeForHttpStatus(status: number): string {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 404:
      return 'route_not_found';
    case 405:
      return 'method_not_allowed';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'too_many_requests';
    default:
      return (STATUS_CODES[status] ?? 'error').toLowerCase().replace(/[^a-z]+/g, '_');
  }
}
