/** The guard refused the destination itself: retrying cannot help until the URL or config changes. */
export class OutboundRefusedError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`refused to reach ${url}: ${reason}`);
    this.name = 'OutboundRefusedError';
  }
}

/** The request was allowed but did not complete: timeout, connection refused, reset, too large. */
export class OutboundRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRequestError';
  }
}
