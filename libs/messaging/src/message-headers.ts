/** Headers Portico sets on messages it moves between its own queues. */
export const Header = {
  /** 1-based number of the delivery attempt this message is about to get. */
  Attempt: 'x-portico-attempt',
  /** Routing key the message was first published with (retries travel under another key). */
  RoutingKey: 'x-portico-routing-key',
  /** Why the message was dead-lettered, human-readable: `invalid_payload: data.number: Required`. */
  Reason: 'x-portico-reason',
  FailedAt: 'x-portico-failed-at',
  SourceQueue: 'x-portico-source-queue',
  CorrelationId: 'x-correlation-id',
} as const;
