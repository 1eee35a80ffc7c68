import { ErrorCode } from './error-code';

export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `data.fees.0.amount_cents`. */
  field: string;
  message: string;
  /** Lago's code for it (`value_is_mandatory`, `invalid_format`…); `value_is_invalid` if absent. */
  code?: string;
}

/** What crosses the wire when a service refuses or fails a request. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[];
}

/** An expected failure with a code the gateway knows how to show. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toJSON(): SerializedError {
    return {
      code: this.code,
      message: this.message,
      ...(this.details && { details: this.details }),
    };
  }

  static fromSerialized(error: SerializedError): DomainError {
    return new DomainError(error.code, error.message, error.details);
  }
}
