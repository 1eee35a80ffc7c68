/**
 * Every error a service can report to the gateway. The gateway maps each one to HTTP exactly once
 * (an exhaustive switch), so adding a code here is a compile error until it has a status.
 */
export enum ErrorCode {
  ValidationFailed = 'validation_failed',
  NotFound = 'not_found',
  Conflict = 'conflict',
  Unauthorized = 'unauthorized',
  Forbidden = 'forbidden',
  ServiceUnavailable = 'service_unavailable',
  ServiceTimeout = 'service_timeout',
  Internal = 'internal_error',
}
