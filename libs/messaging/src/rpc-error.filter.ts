import { Catch, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { DomainError, ErrorCode, type SerializedError } from '@portico/contracts';
import { throwError, type Observable } from 'rxjs';
import { AmqpRpcContext } from './amqp-contexts';
import { describeError } from './failure-policy';

const logger = new Logger('RpcErrorFilter');

/**
 * The one place a failure becomes an RPC error: a DomainError keeps its code, anything else is
 * logged here and answered as `internal_error` without its message (which may hold secrets).
 */
export function toRpcError(error: unknown, service: string, pattern: string): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof RpcException && isSerializedError(error.getError())) {
    return DomainError.fromSerialized(error.getError() as SerializedError);
  }
  logger.error(`${pattern} failed: ${describeError(error)}`, (error as Error | undefined)?.stack);
  return new DomainError(ErrorCode.Internal, `${service} failed to answer ${pattern}`);
}

/**
 * Global exception filter of the messaging transport (registered by `useMessagingPipeline`).
 * RPC handlers: maps what they throw with `toRpcError`. Event handlers: passes the error on
 * untouched, since the consumer's failure policy decides from it between retry and dead letter.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    const context: unknown = host.switchToRpc().getContext();
    if (!(context instanceof AmqpRpcContext)) return throwError(() => exception);
    const error = toRpcError(exception, context.getService(), context.getPattern());
    return throwError(() => error);
  }
}

const KNOWN_CODES = new Set<unknown>(Object.values(ErrorCode));

/** `new RpcException({ code, message })` with one of our codes: a domain error in Nest's terms. */
function isSerializedError(value: unknown): value is SerializedError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Partial<SerializedError>;
  return KNOWN_CODES.has(code) && typeof message === 'string';
}
