/** No (live) session: the filter sends the browser to /login, remembering the page. */
export class SessionRequired extends Error {
  constructor() {
    super('sign in to continue');
  }
}

export type ErrorKind =
  | 'forbidden'
  | 'csrf'
  | 'not_found'
  | 'rate_limited'
  | 'conflict'
  | 'invalid'
  | 'unavailable'
  | 'error';

/** An error the console shows as a page of its own, with this status. */
export class ConsolePageError extends Error {
  constructor(
    readonly status: number,
    readonly kind: ErrorKind,
    readonly retryAfterSeconds?: number,
  ) {
    super(kind);
  }
}
