/** Headers Portico sets on messages it moves between its own queues. */
export const Header = {
  /** 1-based number of the delivery attempt this message is about to get. */
  Attempt: 'x-portico-attempt',
  /** Routing key the message was first published with (retries travel under another key). */
  RoutingKey: 'x-portico-routing-key',
  /** Why the message was dead-lettered, human-readable: `invalid_payload: data.number: Required`. */
  Reason: 'x-portico-reason',
  FailedAt: 'x-portico-failed-at',
  /** When the first attempt failed; kept through retries, so a dead letter shows how long it tried. */
  FirstFailedAt: 'x-portico-first-failed-at',
  /** Set by `npm run dlq -- replay`: when the dead letter was put back, for the logs. */
  ReplayedAt: 'x-portico-replayed-at',
  SourceQueue: 'x-portico-source-queue',
  CorrelationId: 'x-correlation-id',
} as const;
