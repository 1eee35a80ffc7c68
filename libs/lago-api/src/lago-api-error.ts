import { OutboundRefusedError } from '@portico/outbound';

/**
 * A Lago API call that did not succeed. `retryable` is true for what waiting can fix (Lago down,
 * slow, rate-limited, a 5xx); a refusal by the guard or a 4xx other than 429 needs a person.
 */
export class LagoApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'LagoApiError';
  }

  /** Whatever Lago's client threw (a Response for an HTTP error, an Error otherwise). */
  static from(thrown: unknown, what: string): LagoApiError {
    if (thrown instanceof LagoApiError) return thrown;
    if (thrown instanceof Response) {
      // The client has read the body already and keeps what it parsed in `error`.
      const parsed = (thrown as Response & { error?: unknown }).error;
      const body = parsed instanceof Error ? null : (parsed ?? null);
      const status = thrown.status;
      return new LagoApiError(
        `${what}: Lago answered ${status}`,
        status,
        status === 429 || status >= 500,
        body,
      );
    }
    if (thrown instanceof OutboundRefusedError)
      return new LagoApiError(`${what}: ${thrown.message}`, null, false);
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return new LagoApiError(`${what}: ${message}`, null, true);
  }
}
