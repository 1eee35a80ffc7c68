import { DomainError, ErrorCode } from '@portico/contracts';

/**
 * Why handling a message failed, which decides what happens to it (docs/architecture.md, "Two kinds of
 * failure, never mixed"):
 *  - `message`: the message itself is wrong (fails its contract, refused by the database for its
 *    content); the same bytes fail the same way every time → dead-lettered alone, at once.
 *  - `infrastructure`: a dependency is away (database or broker unreachable, timeout, pool
 *    exhausted); never the message's fault → consumption pauses and the message waits, unacked,
 *    however long the outage lasts.
 *  - `unknown`: neither can be told (a bug, an unexpected error) → a few delayed retries, then the
 *    dead-letter queue with the reason, so one bad message cannot block the queue.
 *  - `held`: the message may become valid shortly (an organization being created) → the same
 *    bounded retries as `unknown`, then dead-lettered with its reason.
 */
export type FailureClass = 'message' | 'infrastructure' | 'unknown' | 'held';

export function failureClass(error: unknown): FailureClass {
  if (error instanceof DomainError) return domainFailureClass(error.code);
  if (isInfrastructureFailure(error)) return 'infrastructure';
  return 'unknown';
}

/** Kept for callers that only ask whether time may fix it. */
export function isTransient(error: unknown): boolean {
  return failureClass(error) !== 'message';
}

function domainFailureClass(code: ErrorCode): FailureClass {
  switch (code) {
    case ErrorCode.ServiceUnavailable:
    case ErrorCode.ServiceTimeout:
    case ErrorCode.PdfRendererBusy:
    case ErrorCode.PdfRenderTimeout:
    case ErrorCode.LagoUnavailable:
      return 'infrastructure';
    case ErrorCode.Internal:
    case ErrorCode.TooManyRequests:
      return 'unknown';
    case ErrorCode.OrganizationNotFound:
      return 'held';
    case ErrorCode.ValidationFailed:
    case ErrorCode.NotFound:
    case ErrorCode.CustomerNotFound:
    case ErrorCode.ApiKeyNotFound:
    case ErrorCode.InvoiceNotFound:
    case ErrorCode.CreditNoteNotFound:
    case ErrorCode.SubscriptionNotFound:
    case ErrorCode.WalletNotFound:
    case ErrorCode.Conflict:
    case ErrorCode.OrganizationAlreadyExists:
    case ErrorCode.Unauthorized:
    case ErrorCode.WebhookSignatureInvalid:
    case ErrorCode.PortalTokenInvalid:
    case ErrorCode.PortalTokenExpired:
    case ErrorCode.PortalSessionRevoked:
    case ErrorCode.Forbidden:
    case ErrorCode.FormTokenInvalid:
      return 'message';
  }
}

/** The MongoDB driver's classes for "could not reach / hear back from the server". */
const DRIVER_OUTAGE_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoWaitQueueTimeoutError',
  'MongoOperationTimeoutError',
  'MongoServerClosedError',
  'MongooseServerSelectionError',
  // Our broker publisher's: no confirm within its timeout.
  'PublishTimeoutError',
]);
/** Server codes that describe the server's state, not the command: HostUnreachable,
 * HostNotFound, NetworkTimeout, ShutdownInProgress, ExceededTimeLimit, MaxTimeMSExpired,
 * InterruptedAtShutdown, NotWritablePrimary, NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary. */
const SERVER_OUTAGE_CODES = new Set([6, 7, 89, 91, 262, 50, 11600, 10107, 13435, 13436]);
/**
 * FerretDB answers "InternalError" (1) with its backend's message when PostgreSQL is away or its
 * pool cannot hand out a connection.
 */
const BACKEND_OUTAGE =
  /connection refused|failed to connect|connect: |no connection|connection reset|broken pipe|server closed|closed pool|too many clients|the database system is (starting up|shutting down)|timeout|timed out|EOF/i;
/** `connection 3 to …`, and `connection <monitor> to …` (the heartbeat's, in selection errors). */
const DRIVER_OUTAGE =
  /connection( \S+)? to \S+ (closed|timed out)|connection (pool )?closed|socket|ECONN|timed out/i;
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTCONN',
  'ECONNABORTED',
]);

/** Duck-typed: libs/messaging depends on no database driver. Follows `cause` chains. */
export function isInfrastructureFailure(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const e = error as Error & { code?: unknown; errorLabels?: unknown };
  if (DRIVER_OUTAGE_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && SOCKET_CODES.has(e.code)) return true;
  if (Array.isArray(e.errorLabels) && e.errorLabels.includes('ResetPool')) return true;
  // Mongoose queues commands while disconnected and fails them after `bufferTimeoutMS`.
  if (
    e.name === 'MongooseError' &&
    /buffering timed out|disconnected|not connected/i.test(e.message)
  )
    return true;
  if (typeof e.code === 'number' && e.name.startsWith('Mongo')) {
    if (SERVER_OUTAGE_CODES.has(e.code)) return true;
    if (e.code === 1 && BACKEND_OUTAGE.test(e.message)) return true;
  }
  // A bulk write cut off mid-way (`MongoBulkWriteError: connection 3 to 127.0.0.1:27017 closed`)
  // carries no server code and no per-document error: the connection, not a document, failed.
  const writeErrors = (e as { writeErrors?: unknown[] }).writeErrors;
  if (
    e.name.startsWith('Mongo') &&
    typeof e.code !== 'number' &&
    (!Array.isArray(writeErrors) || writeErrors.length === 0) &&
    DRIVER_OUTAGE.test(e.message)
  )
    return true;
  // The driver wraps a failure that is not the server's answer (no server selectable, a socket
  // closed) in MongoBulkWriteError and keeps the original, with its class, as `errorResponse`.
  const wrapped = (e as { errorResponse?: unknown }).errorResponse;
  if (wrapped instanceof Error && isInfrastructureFailure(wrapped, depth + 1)) return true;
  return isInfrastructureFailure(e.cause, depth + 1);
}

export function describeError(error: unknown): string {
  if (error instanceof DomainError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
