import type { Channel } from 'amqplib';

/**
 * Every exchange and queue name, in one place. `namespace` isolates test runs (and stacks that
 * share a broker) without touching the public contract: in production it is empty, so the
 * ingress exchange is exactly `billing.events`.
 */
export function eventsExchangeName(namespace: string): string {
  return `${namespace}billing.events`;
}

export interface ServiceQueueNames {
  /** Durable queue bound to the event types the service handles. */
  events: string;
  /** Where a failed message waits out its retry delay, then dead-letters back to `events`. */
  retry: string;
  /** Messages that cannot be handled, each with the reason in its headers. */
  deadLetter: string;
  /** Requests from the gateway; deleted with its last consumer so a stopped service fails fast. */
  rpc: string;
}

export function serviceQueueNames(namespace: string, service: string): ServiceQueueNames {
  const base = `${namespace}${service}`;
  return {
    events: `${base}.events`,
    retry: `${base}.events.retry`,
    deadLetter: `${base}.events.dead-letter`,
    rpc: `${base}.rpc`,
  };
}

export async function declareEventsExchange(channel: Channel, namespace: string): Promise<string> {
  const name = eventsExchangeName(namespace);
  await channel.assertExchange(name, 'topic', { durable: true });
  return name;
}

export async function declareServiceEventQueues(
  channel: Channel,
  names: ServiceQueueNames,
  exchange: string,
  routingKeys: string[],
  queueType: 'classic' | 'quorum',
): Promise<void> {
  const typeArgs = { 'x-queue-type': queueType };
  await channel.assertQueue(names.events, { durable: true, arguments: typeArgs });
  await channel.assertQueue(names.deadLetter, { durable: true, arguments: typeArgs });
  // Per-message expiration (set when a message is parked here) rather than x-message-ttl, so
  // changing the retry delay in config never conflicts with an already-declared queue.
  await channel.assertQueue(names.retry, {
    durable: true,
    arguments: {
      ...typeArgs,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': names.events,
    },
  });
  for (const key of routingKeys) await channel.bindQueue(names.events, exchange, key);
}

export async function declareRpcQueue(channel: Channel, name: string): Promise<void> {
  await channel.assertQueue(name, { durable: false, autoDelete: true });
}
