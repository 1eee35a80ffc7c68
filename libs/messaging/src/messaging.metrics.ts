import { Counter, Gauge, Histogram } from 'prom-client';

/**
 * What the broker side of every app counts, defined here once (on prom-client's default
 * registry, which each app's `/metrics` serves). Labels are event types and RPC patterns from
 * the contracts — a bounded set — never ids.
 */
export const messagingMetrics = {
  eventsConsumed: new Counter({
    name: 'portico_events_consumed_total',
    help: 'Events handled and acked, by type and service',
    labelNames: ['service', 'type'] as const,
  }),
  eventsRetried: new Counter({
    name: 'portico_events_retried_total',
    help: 'Events sent to the retry queue after a transient failure',
    labelNames: ['service', 'type'] as const,
  }),
  eventsDeadLettered: new Counter({
    name: 'portico_events_dead_lettered_total',
    help: 'Events moved to the dead-letter queue, by type and kind of reason',
    labelNames: ['service', 'type', 'reason'] as const,
  }),
  consumptionPaused: new Gauge({
    name: 'portico_event_consumption_paused',
    help: '1 while a service takes no new events because a dependency (database, broker) is away',
    labelNames: ['service'] as const,
  }),
  consumptionPauses: new Counter({
    name: 'portico_event_consumption_pauses_total',
    help: 'Times a service paused consumption for an infrastructure failure',
    labelNames: ['service'] as const,
  }),
  eventsWaitingForDependency: new Gauge({
    name: 'portico_events_waiting_for_dependency',
    help: 'Events held unacked while their handler waits for a dependency to come back',
    labelNames: ['service'] as const,
  }),
  eventHandlingSeconds: new Histogram({
    name: 'portico_event_handling_seconds',
    help: 'Time from delivery to ack of a handled event',
    labelNames: ['service', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  }),
  rpcSeconds: new Histogram({
    name: 'portico_rpc_client_seconds',
    help: 'RPC round trips seen by the caller, by pattern and outcome (ok, error, timeout, unavailable)',
    labelNames: ['pattern', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  }),
  rpcTimeouts: new Counter({
    name: 'portico_rpc_timeouts_total',
    help: 'RPCs no instance answered within the timeout',
    labelNames: ['pattern'] as const,
  }),
  rpcHandled: new Histogram({
    name: 'portico_rpc_server_seconds',
    help: 'RPCs answered by this service, by pattern and outcome (ok, error)',
    labelNames: ['pattern', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  }),
};

/** `invalid_payload: data.x: …` → `invalid_payload`: the kind, a bounded label. */
export function reasonKind(reason: string): string {
  return /^[a-z_]+/.exec(reason)?.[0] ?? 'unknown';
}
