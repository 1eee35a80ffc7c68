import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { DomainError, ErrorCode, type ErrorDetail } from '@portico/contracts';
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { httpStatusFor } from './http-status';

/** The one error shape of the API: Lago's `{status, error, code}` plus a message and field details. */
export interface ApiErrorBody {
  status: number;
  error: string;
  code: string;
  message: string;
  error_details?: ErrorDetail[];
}

@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    void reply.status(body.status).header('content-type', 'application/json').send(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof DomainError) {
      const status = httpStatusFor(exception.code);
      return {
        status,
        error: STATUS_CODES[status] ?? 'Error',
        code: exception.code,
        message: exception.message,
        ...(exception.details && { error_details: exception.details }),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        status,
        error: STATUS_CODES[status] ?? 'Error',
        code: codeForHttpStatus(status),
        message: exception.message,
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

function codeForHttpStatus(status: number): string {
  if (status === 404) return 'route_not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 400) return 'bad_request';
  return (STATUS_CODES[status] ?? 'error').toLowerCase().replace(/[^a-z]+/g, '_');
}
